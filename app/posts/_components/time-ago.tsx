// A relative time ("3 min ago") with the exact time on hover and in the markup for machines.
import { exactTime, relativeTime } from "@/lib/time/relative-time";

export function TimeAgo({ time, now }: { time: Date; now: Date }) {
  return (
    <time dateTime={time.toISOString()} title={exactTime(time)}>
      {relativeTime(time, now)}
    </time>
  );
}

export function EditedMark({ editedAt }: { editedAt: Date | null }) {
  if (!editedAt) return null;
  return (
    <span className="edited-mark" title={`Edited ${exactTime(editedAt)}`}>
      edited
    </span>
  );
}
