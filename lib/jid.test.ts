import { describe, expect, it } from "vitest";
import { chatUri, parseAccountJid, parseJid } from "@/lib/jid";

describe("parseJid", () => {
  it("normalises case and strips a trailing dot (RFC 7622)", () => {
    expect(parseJid("Alice@Example.ORG.")).toMatchObject({ ok: true, bare: "alice@example.org" });
  });

  it("keeps the resource apart and case-sensitive", () => {
    const result = parseJid("alice@example.org/Phone/2");
    expect(result).toMatchObject({ ok: true, bare: "alice@example.org", jid: { resource: "Phone/2" } });
  });

  it("maps full-width characters to their ordinary forms", () => {
    expect(parseJid("ＡＬＩＣＥ@example.org")).toMatchObject({ ok: true, bare: "alice@example.org" });
  });

  it("accepts internationalised names and IP literals", () => {
    expect(parseJid("jürgen@bücher.example")).toMatchObject({ ok: true, bare: "jürgen@bücher.example" });
    expect(parseJid("a@127.0.0.1")).toMatchObject({ ok: true });
  });

  it.each([
    ["", "enter a Jabber ID"],
    ["@example.org", "before @ is empty"],
    ["a b@example.org", "may not contain"],
    ["a<b@example.org", "may not contain"],
    ["alice@", "server name is missing"],
    ["bad@@example.org", "only one @"],
    ["alice@exa mple.org", "not a valid domain"],
    ["alice@-bad-.org", "not a valid domain"],
    ["alice@example.org/", "resource after / is empty"],
    ["alice\u0000@example.org", "control"],
    [`${"a".repeat(1024)}@example.org`, "too long"],
    ["alice@300.1.1.1", "IPv4"],
  ])("rejects %j with a clear message", (input, message) => {
    const result = parseJid(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});

describe("parseAccountJid", () => {
  it("requires a local part and drops the resource", () => {
    expect(parseAccountJid("Bob@Example.org/home")).toEqual({ ok: true, bare: "bob@example.org" });
    expect(parseAccountJid("example.org")).toMatchObject({ ok: false });
  });
});

describe("chatUri", () => {
  it("builds an RFC 5122 URI with the XEP-0147 message action", () => {
    expect(chatUri("alice@example.org")).toBe("xmpp:alice@example.org?message");
  });

  it("percent-encodes characters that would break the URI or an attribute", () => {
    expect(chatUri("o#neil%?@example.org")).toBe("xmpp:o%23neil%25%3F@example.org?message");
    expect(chatUri("jürgen@example.org")).toBe("xmpp:j%C3%BCrgen@example.org?message");
  });
});
