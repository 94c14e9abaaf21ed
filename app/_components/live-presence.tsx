// Server side of live presence: loads the stored state for the members a page shows and hands it,
// with the feed's address, to the client provider.
import type { ReactNode } from "react";
import { PresenceProvider } from "@/app/_components/presence-provider";
import { getDb } from "@/lib/db/client";
import { getWebEnv } from "@/lib/env";
import { loadFeedStatus, loadMemberViews } from "@/lib/presence/load-member-views";

export async function LivePresence({ memberIds, children }: { memberIds: string[]; children: ReactNode }) {
  const db = getDb();
  const status = await loadFeedStatus(db);
  const views = await loadMemberViews(db, status.live, [...new Set(memberIds)]);
  return (
    <PresenceProvider realtimeUrl={getWebEnv().NARTHEX_REALTIME_URL} initialStatus={status} initialViews={views}>
      {children}
    </PresenceProvider>
  );
}
