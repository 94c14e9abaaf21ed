import { xml } from "@xmpp/client";
import { describe, expect, it } from "vitest";
import { blocklistItems, NS_BLOCKING, offersBlocking, parseBlocklistPush } from "@/lib/blocklist/blocklist-stanzas";

const BOT = "narthex-bot@example.org";
const DISCO = "http://jabber.org/protocol/disco#info";
const items = (...jids: string[]) => jids.map((jid) => xml("item", { jid }));

describe("offersBlocking", () => {
  it("is true only when the server's disco#info lists urn:xmpp:blocking (XEP-0191 §2)", () => {
    const features = (...vars: string[]) => vars.map((name) => xml("feature", { var: name }));
    expect(offersBlocking(xml("query", { xmlns: DISCO }, xml("identity", { category: "server", type: "im" }), ...features("urn:xmpp:ping", NS_BLOCKING)))).toBe(true);
    expect(offersBlocking(xml("query", { xmlns: DISCO }, ...features("urn:xmpp:ping", "jabber:iq:privacy")))).toBe(false);
    expect(offersBlocking(xml("query", { xmlns: "http://jabber.org/protocol/disco#items" }, ...features(NS_BLOCKING)))).toBe(false);
    expect(offersBlocking(undefined)).toBe(false);
  });
});

describe("blocklistItems", () => {
  it("normalises each item's JID once, keeps domains and full JIDs, and skips malformed ones", () => {
    const blocklist = xml("blocklist", { xmlns: NS_BLOCKING }, ...items("Spam@Example.NET", "spam@example.net", "example.com", "a@b.org/Phone", "not a jid", ""), xml("item", {}));
    expect(blocklistItems(blocklist)).toEqual(["spam@example.net", "example.com", "a@b.org/Phone"]);
    expect(blocklistItems(xml("blocklist", { xmlns: NS_BLOCKING }))).toEqual([]);
  });
});

describe("parseBlocklistPush", () => {
  const block = (...jids: string[]) => xml("block", { xmlns: NS_BLOCKING }, ...items(...jids));
  const unblock = (...jids: string[]) => xml("unblock", { xmlns: NS_BLOCKING }, ...items(...jids));

  it("reads a block push and an unblock push from the bot's own account (§3.3, §3.4)", () => {
    expect(parseBlocklistPush(undefined, BOT, block("Spam@Example.net", "example.com"))).toEqual({ kind: "block", jids: ["spam@example.net", "example.com"] });
    expect(parseBlocklistPush(BOT, BOT, unblock("spam@example.net"))).toEqual({ kind: "unblock", jids: ["spam@example.net"] });
  });

  it("reads an unblock without items as unblocking everyone (§3.4)", () => {
    expect(parseBlocklistPush(undefined, BOT, unblock())).toEqual({ kind: "unblock-all" });
  });

  it("believes nobody else: another account, another resource's full JID, the server, a malformed address", () => {
    for (const from of ["spam@example.net", `${BOT}/desktop`, "example.org", "not a jid"]) {
      expect(parseBlocklistPush(from, BOT, block("victim@example.net"))).toBeNull();
      expect(parseBlocklistPush(from, BOT, unblock())).toBeNull();
    }
  });

  it("refuses a push that names no valid JID, or is not a block or unblock", () => {
    expect(parseBlocklistPush(undefined, BOT, block())).toBeNull();
    expect(parseBlocklistPush(undefined, BOT, block("not a jid"))).toBeNull();
    expect(parseBlocklistPush(undefined, BOT, unblock("not a jid"))).toBeNull();
    expect(parseBlocklistPush(undefined, BOT, xml("blocklist", { xmlns: NS_BLOCKING }, ...items("a@b.org")))).toBeNull();
    expect(parseBlocklistPush(undefined, BOT, xml("block", { xmlns: "urn:xmpp:other" }, ...items("a@b.org")))).toBeNull();
  });
});
