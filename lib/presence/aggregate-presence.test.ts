import { describe, expect, it } from "vitest";
import { aggregatePresence, applyPresenceStanza, EMPTY_CONTACT, type ContactPresence } from "@/lib/presence/aggregate-presence";
import type { OnlineState } from "@/lib/presence/states";

let sequence = 0;
function available(contact: ContactPresence, resource: string, show: OnlineState, priority = 0, status: string | null = null) {
  return applyPresenceStanza(
    contact,
    { type: "available", bare: "a@x.org", resource, show, priority, status, idleSince: null, delay: null },
    ++sequence,
  );
}
function unavailable(contact: ContactPresence, resource: string | null, status: string | null = null) {
  return applyPresenceStanza(contact, { type: "unavailable", bare: "a@x.org", resource, status, delay: null }, ++sequence);
}

describe("aggregatePresence", () => {
  it("is offline with no resources when subscribed, unknown without a subscription", () => {
    expect(aggregatePresence(EMPTY_CONTACT, true)).toMatchObject({ state: "offline", resourceCount: 0 });
    expect(aggregatePresence(EMPTY_CONTACT, false)).toMatchObject({ state: "unknown" });
  });

  it("follows the resource with the highest priority", () => {
    let contact = available(EMPTY_CONTACT, "desktop", "away", 5, "Away from desk");
    contact = available(contact, "phone", "available", 1, "On my phone");
    expect(aggregatePresence(contact, true)).toEqual({
      state: "away",
      statusText: "Away from desk",
      resourceCount: 2,
      priority: 5,
      idleSince: null,
    });
  });

  it("counts a resource with negative priority as online", () => {
    const contact = available(EMPTY_CONTACT, "bot", "dnd", -1);
    expect(aggregatePresence(contact, true)).toMatchObject({ state: "dnd", priority: -1, resourceCount: 1 });
  });

  it("prefers a non-negative priority over a negative one whatever the show", () => {
    let contact = available(EMPTY_CONTACT, "a", "chat", -10);
    contact = available(contact, "b", "xa", 0);
    expect(aggregatePresence(contact, true).state).toBe("xa");
  });

  it("breaks priority ties by availability, then by the latest presence", () => {
    let contact = available(EMPTY_CONTACT, "a", "away", 0);
    contact = available(contact, "b", "dnd", 0);
    expect(aggregatePresence(contact, true).state).toBe("dnd");
    contact = available(contact, "c", "available", 0);
    expect(aggregatePresence(contact, true).state).toBe("available");
    contact = available(contact, "d", "available", 0, "latest");
    expect(aggregatePresence(contact, true).statusText).toBe("latest");
  });

  it("falls back to the remaining resource when one goes unavailable", () => {
    let contact = available(EMPTY_CONTACT, "desktop", "available", 10);
    contact = available(contact, "phone", "away", 0);
    contact = unavailable(contact, "desktop");
    expect(aggregatePresence(contact, true)).toMatchObject({ state: "away", resourceCount: 1 });
  });

  it("clears every resource on unavailable from the bare JID and keeps its status text", () => {
    let contact = available(EMPTY_CONTACT, "desktop", "available");
    contact = available(contact, "phone", "away");
    contact = unavailable(contact, null, "Gone home");
    expect(aggregatePresence(contact, true)).toMatchObject({ state: "offline", statusText: "Gone home", resourceCount: 0 });
  });

  it("is unknown after a presence error until the contact sends presence again", () => {
    let contact = available(EMPTY_CONTACT, "desktop", "available");
    contact = applyPresenceStanza(contact, { type: "error", bare: "a@x.org", resource: null, condition: "remote-server-not-found" }, ++sequence);
    expect(aggregatePresence(contact, true)).toMatchObject({ state: "unknown", resourceCount: 0 });
    contact = available(contact, "desktop", "chat");
    expect(aggregatePresence(contact, true).state).toBe("chat");
  });

  it("does not mutate the contact it was given", () => {
    const before = available(EMPTY_CONTACT, "a", "available");
    unavailable(before, "a");
    expect(before.resources.size).toBe(1);
  });
});
