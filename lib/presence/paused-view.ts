// What a member's view becomes while presence is not live: unknown, with nothing that could be
// stale (no status, no times, no chat link); last seen stays, as it is history. Browser-safe.
import type { MemberPresenceView } from "@/lib/presence/member-presence";

export function pausedView(view: MemberPresenceView): MemberPresenceView {
  return { ...view, state: "unknown", statusText: null, since: null, idleSince: null, chatUri: null };
}
