import { xml } from "@xmpp/client";
import { describe, expect, it } from "vitest";
import { MAX_STATUS_LENGTH, parsePresenceStanza } from "@/lib/presence/parse-presence-stanza";

const presence = (attrs: Record<string, string>, ...children: ReturnType<typeof xml>[]) => parsePresenceStanza(xml("presence", attrs, ...children));

describe("parsePresenceStanza", () => {
  it("reads show, priority, status, idle and delay of an available presence", () => {
    const result = presence(
      { from: "Alice@Example.ORG/phone" },
      xml("show", {}, "away"),
      xml("priority", {}, "-5"),
      xml("status", {}, "At lunch"),
      xml("idle", { xmlns: "urn:xmpp:idle:1", since: "2026-11-23T10:00:00Z" }),
      xml("delay", { xmlns: "urn:xmpp:delay", stamp: "2026-11-23T10:05:00.000Z" }),
    );
    expect(result).toEqual({
      type: "available",
      bare: "alice@example.org",
      resource: "phone",
      show: "away",
      priority: -5,
      status: "At lunch",
      idleSince: new Date("2026-11-23T10:00:00Z"),
      delay: new Date("2026-11-23T10:05:00Z"),
    });
  });

  it("treats a missing or unknown <show/> as available and a bad priority as 0", () => {
    expect(presence({ from: "a@x.org/r" })).toMatchObject({ type: "available", show: "available", priority: 0 });
    expect(presence({ from: "a@x.org/r" }, xml("show", {}, "sleeping"), xml("priority", {}, "999"))).toMatchObject({
      show: "available",
      priority: 0,
    });
    expect(presence({ from: "a@x.org/r" }, xml("priority", {}, "1.5"))).toMatchObject({ priority: 0 });
  });

  it("strips control characters and caps oversized status text", () => {
    const result = presence({ from: "a@x.org/r" }, xml("status", {}, `line1\nline2\u0007\u202e${"x".repeat(5000)}`));
    expect(result.type).toBe("available");
    const status = result.type === "available" ? result.status! : "";
    expect(status.startsWith("line1 line2x")).toBe(true);
    expect(Array.from(status)).toHaveLength(MAX_STATUS_LENGTH);
    expect(status).not.toMatch(/[\u0000-\u001f\u202e]/);
  });

  it("keeps markup in status text as plain text (escaping is the renderer's job)", () => {
    const result = presence({ from: "a@x.org/r" }, xml("status", {}, "<script>alert(1)</script>"));
    expect(result).toMatchObject({ status: "<script>alert(1)</script>" });
  });

  it("reads unavailable presence from a resource and from the bare JID", () => {
    expect(presence({ from: "a@x.org/r", type: "unavailable" }, xml("status", {}, "Gone home"))).toMatchObject({
      type: "unavailable",
      resource: "r",
      status: "Gone home",
    });
    expect(presence({ from: "a@x.org", type: "unavailable" })).toMatchObject({ type: "unavailable", resource: null });
  });

  it("reads the defined condition of a presence error", () => {
    const result = presence(
      { from: "a@x.org", type: "error" },
      xml("error", { type: "cancel" }, xml("remote-server-not-found", { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" })),
    );
    expect(result).toEqual({ type: "error", bare: "a@x.org", resource: null, condition: "remote-server-not-found" });
  });

  it("ignores stanzas without a usable sender, probes and unknown types", () => {
    expect(presence({}).type).toBe("ignored");
    expect(presence({ from: "bad@@x.org" }).type).toBe("ignored");
    expect(presence({ from: "a@x.org", type: "probe" }).type).toBe("ignored");
    expect(presence({ from: "a@x.org", type: "bogus" }).type).toBe("ignored");
  });

  it("ignores malformed delay and idle stamps", () => {
    const result = presence(
      { from: "a@x.org/r" },
      xml("idle", { xmlns: "urn:xmpp:idle:1", since: "yesterday" }),
      xml("delay", { xmlns: "urn:xmpp:delay", stamp: "2026-13-45T99:00:00Z" }),
    );
    expect(result).toMatchObject({ idleSince: null, delay: null });
  });
});
