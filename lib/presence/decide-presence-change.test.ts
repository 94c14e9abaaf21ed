import { describe, expect, it } from "vitest";
import type { AggregatePresence } from "@/lib/presence/aggregate-presence";
import { decidePresenceChange, eventTime, type CurrentPresence } from "@/lib/presence/decide-presence-change";

const now = new Date("2026-11-23T12:00:00Z");
const earlier = new Date("2026-11-23T11:00:00Z");
const online: CurrentPresence = {
  state: "available",
  statusText: "Hello",
  resourceCount: 1,
  priority: 0,
  idleSince: null,
  since: earlier,
  lastSeenAt: earlier,
};
const aggregate = (changes: Partial<AggregatePresence> = {}): AggregatePresence => ({
  state: "available",
  statusText: "Hello",
  resourceCount: 1,
  priority: 0,
  idleSince: null,
  ...changes,
});

describe("decidePresenceChange", () => {
  it("writes nothing for a presence that changes nothing (repeat, caps hash update, reconnect burst)", () => {
    expect(decidePresenceChange(online, aggregate(), { now })).toEqual({ kind: "none" });
  });

  it("writes history when the state changes, dated now, with the new since", () => {
    const change = decidePresenceChange(online, aggregate({ state: "away" }), { now });
    expect(change).toMatchObject({ kind: "history", from: "available", next: { state: "away", since: now, lastSeenAt: now } });
  });

  it("writes history when only the status text changes, keeping since", () => {
    const change = decidePresenceChange(online, aggregate({ statusText: "Busy day" }), { now });
    expect(change).toMatchObject({ kind: "history", from: "available", at: now, next: { statusText: "Busy day", since: earlier } });
  });

  it("updates quietly when only details change (a second resource, priority, idle)", () => {
    expect(decidePresenceChange(online, aggregate({ resourceCount: 2 }), { now })).toMatchObject({
      kind: "update",
      next: { resourceCount: 2, since: earlier },
    });
    expect(decidePresenceChange(online, aggregate({ idleSince: earlier }), { now }).kind).toBe("update");
  });

  it("records going offline with the last-seen time of leaving", () => {
    const change = decidePresenceChange(online, aggregate({ state: "offline", statusText: null, resourceCount: 0, priority: null }), { now });
    expect(change).toMatchObject({ kind: "history", from: "available", next: { state: "offline", lastSeenAt: now } });
  });

  it("treats a contact seen for the first time as a change from unknown", () => {
    expect(decidePresenceChange(null, aggregate(), { now })).toMatchObject({ kind: "history", from: "unknown", next: { since: now } });
  });

  it("stores a new contact that is still unknown without a history row", () => {
    const unknown = aggregate({ state: "unknown", statusText: null, resourceCount: 0, priority: null });
    expect(decidePresenceChange(null, unknown, { now })).toMatchObject({ kind: "update", next: { state: "unknown", since: now } });
  });

  it("dates a change by its delay stamp", () => {
    const stamp = new Date("2026-11-23T11:30:00Z");
    const change = decidePresenceChange(online, aggregate({ state: "xa" }), { now, delay: stamp });
    expect(change).toMatchObject({ kind: "history", at: stamp, next: { since: stamp } });
  });
});

describe("eventTime", () => {
  it("uses a believable delay stamp, and now for stamps in the future or before the previous state", () => {
    const stamp = new Date("2026-11-23T11:30:00Z");
    expect(eventTime(stamp, now, earlier)).toEqual(stamp);
    expect(eventTime(new Date("2026-11-24T00:00:00Z"), now, earlier)).toEqual(now);
    expect(eventTime(new Date("2026-11-23T10:00:00Z"), now, earlier)).toEqual(now);
    expect(eventTime(null, now, earlier)).toEqual(now);
  });
});
