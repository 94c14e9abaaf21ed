// Server side of live presence: hands what the page loaded (feed status and member views) and the
// feed's address to the client provider. The address comes from the server's env, never NEXT_PUBLIC.
import type { ReactNode } from "react";
import { PresenceProvider } from "@/app/_components/presence-provider";
import { getWebEnv } from "@/lib/env";
import type { MemberPresenceLoad } from "@/lib/presence/load-member-presence";

export function LivePresence({ presence, children }: { presence: MemberPresenceLoad; children: ReactNode }) {
  return (
    // Keyed by audience: signing in or out (even without leaving the page) opens a new feed as the
    // new viewer, so a signed-out browser never keeps a member's feed.
    <PresenceProvider
      key={presence.audience}
      realtimeUrl={getWebEnv().NARTHEX_REALTIME_URL}
      initialStatus={{ live: presence.live, reason: presence.reason }}
      initialViews={[...presence.byMember.values()]}
    >
      {children}
    </PresenceProvider>
  );
}
