import { describe, expect, it } from "vitest";
import { historyDays } from "@/lib/presence-history/presence-days";
import { BAND_KINDS, bandKindOf, layoutTimeline, longDayLabel, TIMELINE_SIZE } from "@/lib/presence-history/timeline-layout";
import { PRESENCE_STATES } from "@/lib/presence/states";

const now = new Date("2026-03-09T12:00:00Z");

describe("layoutTimeline", () => {
  it("draws one row per day, bands placed by the hour, with the exact state and times in each title", () => {
    const days = historyDays(now);
    const bands = [
      { state: "unknown" as const, from: days[0]!.start, to: new Date("2026-03-08T18:00:00Z") },
      { state: "chat" as const, from: new Date("2026-03-08T18:00:00Z"), to: new Date("2026-03-09T06:00:00Z") },
      { state: "xa" as const, from: new Date("2026-03-09T06:00:00Z"), to: now },
    ];
    const layout = layoutTimeline(bands, days, now);
    expect(layout.rows.map((row) => row.label)).toEqual(["Tue 3", "Wed 4", "Thu 5", "Fri 6", "Sat 7", "Sun 8", "Today"]);
    const { labelWidth } = TIMELINE_SIZE;
    const quarter = layout.chart.width / 4;
    const [, yesterday, today] = [layout.rows[4], layout.rows[5], layout.rows[6]];
    expect(yesterday?.segments.map(({ kind, title }) => [kind, title])).toEqual([
      ["unknown", "Unknown, 00:00–18:00 UTC"],
      ["online", "Free to chat, 18:00–24:00 UTC"],
    ]);
    expect(yesterday?.segments[1]).toMatchObject({ x: labelWidth + 3 * quarter, width: quarter });
    expect(today?.segments.map(({ state, title }) => [state, title])).toEqual([
      ["chat", "Free to chat, 00:00–06:00 UTC"],
      ["xa", "Away for a while, 06:00–12:00 UTC"],
    ]);
    expect(today?.nowX).toBe(labelWidth + 2 * quarter);
    expect(yesterday?.nowX).toBeNull();
    expect(layout.ticks.map((tick) => tick.label)).toEqual(["00:00", "06:00", "12:00", "18:00", "24:00"]);
    expect(layout.height).toBe(7 * TIMELINE_SIZE.rowHeight + TIMELINE_SIZE.axisHeight);
  });

  it("names days in full for the table, today too", () => {
    const days = historyDays(now);
    expect(longDayLabel(days[0]!, now)).toBe("Tuesday 3 March");
    expect(longDayLabel(days[6]!, now)).toBe("Today (Monday 9 March)");
  });

  it("gives every state one of the five kinds", () => {
    expect(new Set(PRESENCE_STATES.map(bandKindOf))).toEqual(new Set(BAND_KINDS));
  });
});
