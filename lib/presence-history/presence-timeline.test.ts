import { describe, expect, it } from "vitest";
import { presenceTimeline, type JidHistory } from "@/lib/presence-history/presence-timeline";
import type { PresenceState } from "@/lib/presence/states";

const at = (time: string) => new Date(`2026-03-09T${time}Z`);
const from = at("00:00");
const to = at("12:00");
const LONG_AGO = new Date("2026-01-01T00:00:00Z");

function jid(stateAtStart: PresenceState | null, events: Array<[string, PresenceState]>, linkedAt: Date = LONG_AGO): JidHistory {
  return { linkedAt, stateAtStart, events: events.map(([time, toState]) => ({ toState, occurredAt: at(time) })) };
}

/** Bands as "state from–to" for readable expectations. */
function words(bands: ReturnType<typeof presenceTimeline>): string[] {
  return bands.map((band) => `${band.state} ${band.from.toISOString().slice(11, 16)}–${band.to.toISOString().slice(11, 16)}`);
}

describe("presenceTimeline", () => {
  it("starts from the state before the window and follows each change until the end", () => {
    const bands = presenceTimeline({ jids: [jid("offline", [["08:00", "available"], ["09:30", "away"], ["10:00", "offline"]])], from, to });
    expect(words(bands)).toEqual(["offline 00:00–08:00", "available 08:00–09:30", "away 09:30–10:00", "offline 10:00–12:00"]);
  });

  it("calls the time before any known state unknown", () => {
    expect(words(presenceTimeline({ jids: [jid(null, [["06:00", "dnd"]])], from, to }))).toEqual(["unknown 00:00–06:00", "dnd 06:00–12:00"]);
  });

  it("counts a JID only from its link, and a member with no linked JID yet as unknown", () => {
    const bands = presenceTimeline({ jids: [jid("available", [["05:00", "offline"]], at("03:00"))], from, to });
    expect(words(bands)).toEqual(["unknown 00:00–03:00", "available 03:00–05:00", "offline 05:00–12:00"]);
  });

  it("combines several JIDs as the live dot does: the most reachable state wins", () => {
    const phone = jid("away", [["02:00", "offline"], ["07:00", "chat"], ["08:00", "offline"]]);
    const laptop = jid("offline", [["01:00", "dnd"], ["04:00", "offline"]]);
    const newer = jid("unknown", [["10:00", "xa"]], at("09:00"));
    expect(words(presenceTimeline({ jids: [phone, laptop, newer], from, to }))).toEqual([
      "away 00:00–01:00",
      "dnd 01:00–04:00",
      "offline 04:00–07:00",
      "chat 07:00–08:00",
      "offline 08:00–09:00",
      "unknown 09:00–10:00", // the new JID is unknown, which ranks above offline (it might be online)
      "xa 10:00–12:00",
    ]);
  });

  it("merges adjacent bands of one state (a status text change, or two JIDs taking turns)", () => {
    const first = jid("available", [["03:00", "available"], ["04:00", "offline"]]);
    const second = jid("offline", [["03:30", "available"], ["06:00", "offline"]]);
    expect(words(presenceTimeline({ jids: [first, second], from, to }))).toEqual(["available 00:00–06:00", "offline 06:00–12:00"]);
  });

  it("orders changes by when they happened, not by when they were stored (delay stamps)", () => {
    expect(words(presenceTimeline({ jids: [jid("offline", [["09:00", "away"], ["08:00", "available"]])], from, to }))).toEqual([
      "offline 00:00–08:00",
      "available 08:00–09:00",
      "away 09:00–12:00",
    ]);
  });

  it("ends at `to` and turns unknown after the last moment stored presence is believed", () => {
    const bands = presenceTimeline({ jids: [jid("available", [["11:00", "away"], ["11:30", "offline"]])], from, to, knownUntil: at("11:15") });
    expect(words(bands)).toEqual(["available 00:00–11:00", "away 11:00–11:15", "unknown 11:15–12:00"]);
  });

  it("is all unknown for a member without JIDs, and empty for an empty window", () => {
    expect(words(presenceTimeline({ jids: [], from, to }))).toEqual(["unknown 00:00–12:00"]);
    expect(presenceTimeline({ jids: [jid("available", [])], from: to, to })).toEqual([]);
  });
});
