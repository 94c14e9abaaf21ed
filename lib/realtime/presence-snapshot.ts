// What a feed socket receives on connecting and on every resync: its audience's views, greyed while
// the feed is not live. `status` is read after the views, so a snapshot is never greener than the feed.
import type { Db } from "@/lib/db/client";
import { loadMemberViews } from "@/lib/presence/load-member-views";
import { pausedView } from "@/lib/presence/paused-view";
import type { Audience } from "@/lib/presence/visibility";
import type { FeedStatus, PresenceSnapshot } from "@/lib/realtime/events";

export async function presenceSnapshot(db: Db, audience: Audience, status: () => FeedStatus): Promise<PresenceSnapshot> {
  const members = await loadMemberViews(db, true, { audience });
  const now = status();
  return { status: now, members: now.live ? members : members.map(pausedView) };
}
