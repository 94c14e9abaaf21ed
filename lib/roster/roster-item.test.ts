import { xml } from "@xmpp/client";
import { describe, expect, it } from "vitest";
import { isTrustedRosterPush, parseRosterItem, parseStoredGroups } from "@/lib/roster/roster-item";

describe("parseRosterItem", () => {
  it("reads jid, name, groups, subscription and ask", () => {
    const item = xml(
      "item",
      { jid: "Alice@Example.org", name: "Alice", subscription: "both", ask: "subscribe" },
      xml("group", {}, "Choir"),
      xml("group", {}, "Choir"),
      xml("group", {}, "Elders"),
    );
    expect(parseRosterItem(item)).toEqual({
      kind: "upsert",
      item: { jid: "alice@example.org", name: "Alice", groups: ["Choir", "Elders"], subscription: "both", pendingOut: true },
    });
  });

  it("reads a removal", () => {
    expect(parseRosterItem(xml("item", { jid: "a@x.org", subscription: "remove" }))).toEqual({ kind: "remove", jid: "a@x.org" });
  });

  it("defaults to no subscription and rejects bad items", () => {
    expect(parseRosterItem(xml("item", { jid: "a@x.org" }))).toMatchObject({ item: { subscription: "none", pendingOut: false } });
    expect(parseRosterItem(xml("item", { jid: "not a jid" }))).toBeNull();
    expect(parseRosterItem(xml("item", { jid: "a@x.org/res" }))).toBeNull();
    expect(parseRosterItem(xml("item", { jid: "a@x.org", subscription: "weird" }))).toBeNull();
  });
});

describe("isTrustedRosterPush", () => {
  it("accepts pushes without from or from the bot's own bare JID", () => {
    expect(isTrustedRosterPush(undefined, "bot@x.org")).toBe(true);
    expect(isTrustedRosterPush("Bot@X.org", "bot@x.org")).toBe(true);
  });

  it("rejects pushes from anyone else, including the bot's full JID", () => {
    expect(isTrustedRosterPush("mallory@x.org", "bot@x.org")).toBe(false);
    expect(isTrustedRosterPush("bot@x.org/evil", "bot@x.org")).toBe(false);
    expect(isTrustedRosterPush("x.org", "bot@x.org")).toBe(false);
  });
});

describe("parseStoredGroups", () => {
  it("reads the stored JSON array and counts anything malformed as no groups", () => {
    expect(parseStoredGroups('["Choir","Elders"]')).toEqual(["Choir", "Elders"]);
    expect(parseStoredGroups("[]")).toEqual([]);
    expect(parseStoredGroups("not json")).toEqual([]);
    expect(parseStoredGroups('{"group":"Choir"}')).toEqual([]);
    expect(parseStoredGroups('["Choir",7]')).toEqual([]);
  });
});
