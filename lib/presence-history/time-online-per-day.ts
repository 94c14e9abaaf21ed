// Total time online per day. "Online" is every state of a connected client (free to chat, online,
// away, away for a while, busy): the member was at a Jabber client, reachable or not. Offline and
// unknown do not count. Bands end at now, so today counts only what has happened.
import { bandsOfDay, type HistoryDay } from "@/lib/presence-history/presence-days";
import type { PresenceBand } from "@/lib/presence-history/presence-timeline";
import { isOnlineState } from "@/lib/presence/states";

export type DayTotal = { day: HistoryDay; onlineMs: number };

export function timeOnlinePerDay(bands: readonly PresenceBand[], days: readonly HistoryDay[]): DayTotal[] {
  return days.map((day) => ({
    day,
    onlineMs: bandsOfDay(bands, day)
      .filter((band) => isOnlineState(band.state))
      .reduce((total, band) => total + (band.to.getTime() - band.from.getTime()), 0),
  }));
}
