// "Online now" or "Last seen 3 hours ago" for a member's live view (the time itself is drawn by the
// page, relative with the exact time on hover). Browser-safe: it follows the feed.
import type { MemberPresenceView } from "@/lib/presence/member-presence";
import { isOnlineState } from "@/lib/presence/states";

export type LastSeen = { words: string; seenAt: Date | null };

/** Null when there is nothing to add to the state beside it (unknown, and never seen online). */
export function lastSeen(view: MemberPresenceView): LastSeen | null {
  if (isOnlineState(view.state)) return { words: "Online now", seenAt: null };
  // While live presence is paused the state is unknown; last seen is history, so it still holds.
  if (view.lastSeenAt) return { words: "Last seen", seenAt: new Date(view.lastSeenAt) };
  return view.state === "offline" ? { words: "Not seen online yet", seenAt: null } : null;
}
