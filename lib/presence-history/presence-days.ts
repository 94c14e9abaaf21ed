// The days a profile's history shows: the last seven calendar days, today last, in UTC (the board has
// no time zone of its own and gives every exact time in UTC), and a member's bands cut at midnight.
import type { PresenceBand } from "@/lib/presence-history/presence-timeline";

export const HISTORY_DAY_COUNT = 7;
const DAY_MS = 24 * 3600_000;

/** A UTC calendar day: midnight to midnight. */
export type HistoryDay = { start: Date; end: Date };

/** The last `count` UTC days, oldest first, today (which has not ended yet) last. */
export function historyDays(now: Date, count: number = HISTORY_DAY_COUNT): HistoryDay[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, index) => {
    const start = today - (count - 1 - index) * DAY_MS;
    return { start: new Date(start), end: new Date(start + DAY_MS) };
  });
}

/** The parts of the bands that fall on the day, clipped at its midnights. */
export function bandsOfDay(bands: readonly PresenceBand[], day: HistoryDay): PresenceBand[] {
  const start = day.start.getTime();
  const end = day.end.getTime();
  return bands.flatMap((band) => {
    const from = Math.max(band.from.getTime(), start);
    const to = Math.min(band.to.getTime(), end);
    return to > from ? [{ state: band.state, from: new Date(from), to: new Date(to) }] : [];
  });
}
