// Where each band of a member's last days goes in the timeline image: one row per day, 0–24 h across
// (UTC, see presence-days), coloured by five kinds (online, away, busy, offline, unknown) while each
// band's title keeps its exact state and times. Pure, so the drawing is tested without a browser.
import { bandsOfDay, type HistoryDay } from "@/lib/presence-history/presence-days";
import type { PresenceBand } from "@/lib/presence-history/presence-timeline";
import { PRESENCE_LABELS, type PresenceState } from "@/lib/presence/states";

export const BAND_KINDS = ["online", "away", "busy", "offline", "unknown"] as const;
export type BandKind = (typeof BAND_KINDS)[number];

export const BAND_KIND_LABELS: Record<BandKind, string> = { online: "Online", away: "Away", busy: "Busy", offline: "Offline", unknown: "Unknown" };

const KIND_OF_STATE: Record<PresenceState, BandKind> = {
  chat: "online",
  available: "online",
  away: "away",
  xa: "away",
  dnd: "busy",
  offline: "offline",
  unknown: "unknown",
};

export function bandKindOf(state: PresenceState): BandKind {
  return KIND_OF_STATE[state];
}

/**
 * In viewBox units. The image scales to its box (at most 26rem wide, app/globals.css): its 13-unit
 * labels read about 10 px on a 360 px phone and 15 px on a wide screen.
 */
export const TIMELINE_SIZE = { width: 360, labelWidth: 64, rightPad: 20, rowHeight: 26, bandHeight: 16, axisHeight: 22 } as const;
const CHART_WIDTH = TIMELINE_SIZE.width - TIMELINE_SIZE.labelWidth - TIMELINE_SIZE.rightPad;
const DAY_MS = 24 * 3600_000;

export type TimelineSegment = { state: PresenceState; kind: BandKind; x: number; width: number; title: string };
export type TimelineRow = { day: HistoryDay; label: string; y: number; segments: TimelineSegment[]; nowX: number | null };
export type TimelineLayout = { width: number; height: number; rows: TimelineRow[]; ticks: Array<{ x: number; label: string }>; chart: { x: number; width: number } };

const weekday = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });

/** "Mon 9" for the image's rows; "Today" for the day that has not ended. */
export function shortDayLabel(day: HistoryDay, now: Date): string {
  return isToday(day, now) ? "Today" : weekday.format(day.start);
}

/** "Monday 9 March", or "Today (Monday 9 March)": for the table of totals. */
export function longDayLabel(day: HistoryDay, now: Date): string {
  const name = longDay.format(day.start);
  return isToday(day, now) ? `Today (${name})` : name;
}

function isToday(day: HistoryDay, now: Date): boolean {
  return day.start.getTime() <= now.getTime() && now.getTime() < day.end.getTime();
}

/** "09:05" within the day, "24:00" for its closing midnight. */
function clock(time: Date, day: HistoryDay): string {
  const minutes = Math.round((time.getTime() - day.start.getTime()) / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function xOf(time: Date, day: HistoryDay): number {
  return TIMELINE_SIZE.labelWidth + ((time.getTime() - day.start.getTime()) / DAY_MS) * CHART_WIDTH;
}

export function layoutTimeline(bands: readonly PresenceBand[], days: readonly HistoryDay[], now: Date): TimelineLayout {
  const { width, labelWidth, rowHeight, axisHeight } = TIMELINE_SIZE;
  const rows = days.map((day, index): TimelineRow => {
    const segments = bandsOfDay(bands, day).map((band) => {
      const x = xOf(band.from, day);
      return {
        state: band.state,
        kind: bandKindOf(band.state),
        x,
        width: xOf(band.to, day) - x,
        title: `${PRESENCE_LABELS[band.state]}, ${clock(band.from, day)}–${clock(band.to, day)} UTC`,
      };
    });
    return { day, label: shortDayLabel(day, now), y: index * rowHeight, segments, nowX: isToday(day, now) ? xOf(now, day) : null };
  });
  const ticks = [0, 6, 12, 18, 24].map((hour) => ({ x: labelWidth + (hour / 24) * CHART_WIDTH, label: `${String(hour).padStart(2, "0")}:00` }));
  return { width, height: days.length * rowHeight + axisHeight, rows, ticks, chart: { x: labelWidth, width: CHART_WIDTH } };
}
