"use client";
// "Online now" or "Last seen 3 hours ago" (exact time on hover), following the live feed. Nothing for a
// member without a view (the status beside it says there is no presence to show) or still unknown.
import { useMemberPresence } from "@/app/_components/presence-provider";
import { TimeAgo } from "@/app/posts/_components/time-ago";
import { lastSeen } from "@/lib/presence-history/last-seen";

export function LastSeen({ memberId, now }: { memberId: string; now: Date }) {
  const view = useMemberPresence(memberId);
  const seen = view ? lastSeen(view) : null;
  if (!seen) return null;
  const { words, seenAt } = seen;
  return (
    <p className="member-profile__seen" data-testid="last-seen">
      {words}
      {seenAt ? (
        <>
          {" "}
          <TimeAgo time={seenAt} now={now} />
        </>
      ) : null}
    </p>
  );
}
