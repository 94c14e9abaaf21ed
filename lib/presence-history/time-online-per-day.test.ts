import { describe, expect, it } from "vitest";
import { bandsOfDay, historyDays } from "@/lib/presence-history/presence-days";
import type { PresenceBand } from "@/lib/presence-history/presence-timeline";
import { timeOnlinePerDay } from "@/lib/presence-history/time-online-per-day";
import type { PresenceState } from "@/lib/presence/states";

const band = (state: PresenceState, from: string, to: string): PresenceBand => ({ state, from: new Date(from), to: new Date(to) });
const HOUR = 3600_000;

describe("historyDays", () => {
  it("gives the last seven UTC days, oldest first, today last, whatever the hour", () => {
    const days = historyDays(new Date("2026-03-09T23:59:00Z"));
    expect(days).toHaveLength(7);
    expect(days[0]).toEqual({ start: new Date("2026-03-03T00:00:00Z"), end: new Date("2026-03-04T00:00:00Z") });
    expect(days[6]).toEqual({ start: new Date("2026-03-09T00:00:00Z"), end: new Date("2026-03-10T00:00:00Z") });
    expect(historyDays(new Date("2026-03-09T00:00:00Z"))[6]?.start).toEqual(new Date("2026-03-09T00:00:00Z"));
  });

  it("has 24-hour days across a daylight saving change (UTC has none)", () => {
    for (const day of historyDays(new Date("2026-03-31T12:00:00Z"))) expect(day.end.getTime() - day.start.getTime()).toBe(24 * HOUR);
  });
});

describe("bandsOfDay", () => {
  it("clips bands at the day's midnights", () => {
    const [day] = historyDays(new Date("2026-03-09T12:00:00Z"), 1);
    const bands = [band("available", "2026-03-08T22:00:00Z", "2026-03-09T02:00:00Z"), band("offline", "2026-03-09T02:00:00Z", "2026-03-10T01:00:00Z")];
    expect(bandsOfDay(bands, day!)).toEqual([band("available", "2026-03-09T00:00:00Z", "2026-03-09T02:00:00Z"), band("offline", "2026-03-09T02:00:00Z", "2026-03-10T00:00:00Z")]);
  });
});

describe("timeOnlinePerDay", () => {
  it("adds up every online state per day, split at midnight, and stops at now", () => {
    const now = new Date("2026-03-09T10:00:00Z");
    const bands = [
      band("unknown", "2026-03-03T00:00:00Z", "2026-03-07T20:00:00Z"),
      band("available", "2026-03-07T20:00:00Z", "2026-03-08T01:00:00Z"), // 4 h on the 7th, 1 h on the 8th
      band("away", "2026-03-08T01:00:00Z", "2026-03-08T01:30:00Z"),
      band("offline", "2026-03-08T01:30:00Z", "2026-03-09T08:00:00Z"),
      band("dnd", "2026-03-09T08:00:00Z", "2026-03-09T09:00:00Z"),
      band("chat", "2026-03-09T09:00:00Z", "2026-03-09T09:45:00Z"),
      band("xa", "2026-03-09T09:45:00Z", "2026-03-09T10:00:00Z"),
    ];
    const totals = timeOnlinePerDay(bands, historyDays(now));
    expect(totals.map((total) => total.onlineMs / 60_000)).toEqual([0, 0, 0, 0, 240, 90, 120]);
    expect(totals[6]?.day.start).toEqual(new Date("2026-03-09T00:00:00Z"));
  });
});
