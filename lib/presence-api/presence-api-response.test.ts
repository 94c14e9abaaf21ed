import { describe, expect, it } from "vitest";
import { presenceEntry, presenceJsonResponse, presenceNotFound } from "@/lib/presence-api/presence-api-response";
import type { HandlePresence } from "@/lib/presence/load-presence-by-handle";
import { PRESENCE_LABELS, PRESENCE_STATES, type PresenceState } from "@/lib/presence/states";

const member = (state: PresenceState, overrides: Partial<HandlePresence> = {}): HandlePresence => ({
  handle: "ann",
  displayName: "Ann Example",
  view: {
    memberId: "member-id-secret",
    state,
    statusText: "At choir practice",
    since: "2026-11-01T12:00:00.000Z",
    idleSince: state === "xa" ? "2026-11-01T11:00:00.000Z" : null,
    lastSeenAt: "2026-11-01T12:05:00.000Z",
    chatUri: "xmpp:ann@example.org?message",
  },
  ...overrides,
});
const request = (headers: Record<string, string> = {}) => new Request("http://board.test/api/presence/ann", { headers });

describe("presenceEntry", () => {
  it.each(PRESENCE_STATES)("gives %s with its words, status, since, last seen and idle, and nothing else", (state) => {
    expect(presenceEntry(member(state))).toStrictEqual({
      handle: "ann",
      displayName: "Ann Example",
      state,
      label: PRESENCE_LABELS[state],
      statusText: "At choir practice",
      since: "2026-11-01T12:00:00.000Z",
      lastSeen: "2026-11-01T12:05:00.000Z",
      idleSince: state === "xa" ? "2026-11-01T11:00:00.000Z" : null,
    });
  });
});

describe("presenceJsonResponse", () => {
  it("never carries the member's id or Jabber ID", async () => {
    const text = await presenceJsonResponse(request(), "public", { members: [presenceEntry(member("available"))] }).text();
    expect(text).not.toContain("member-id-secret");
    expect(text).not.toContain("ann@example.org");
  });

  it("escapes markup, quotes and control characters in names and status texts", async () => {
    const tricky = member("dnd", { displayName: `Eve "</script><script>x</script>` });
    tricky.view.statusText = `<img src=x onerror=alert(1)> "\u0000\u001b\u2028 \\`;
    const text = await presenceJsonResponse(request(), "public", presenceEntry(tricky)).text();
    expect(text).not.toMatch(/[\u0000-\u001f]/);
    expect(text).toContain(String.raw`"displayName":"Eve \"</script><script>x</script>"`);
    expect(text).toContain(String.raw`\"\u0000\u001b`);
    expect(JSON.parse(text)).toMatchObject({ displayName: tricky.displayName, statusText: tricky.view.statusText });
  });

  it("lets shared caches keep a visitor's answer briefly, and only the member's browser a member's", () => {
    const visitor = presenceJsonResponse(request(), "public", { members: [] });
    expect(Object.fromEntries(visitor.headers)).toMatchObject({
      "content-type": "application/json; charset=utf-8",
      "cache-control": "public, max-age=15",
      vary: "Cookie",
      "x-content-type-options": "nosniff",
      etag: expect.stringMatching(/^"[\w-]+"$/),
    });
    expect(presenceJsonResponse(request(), "members", { members: [] }).headers.get("cache-control")).toBe("private, max-age=15");
  });

  it("answers 304 to the caller's own tag, with the same tag and caching headers", async () => {
    const etag = presenceJsonResponse(request(), "members", presenceEntry(member("away"))).headers.get("etag") ?? "";
    const again = presenceJsonResponse(request({ "If-None-Match": `W/${etag}` }), "members", presenceEntry(member("away")));
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toBe("private, max-age=15");
    expect(await again.text()).toBe("");
    expect(presenceJsonResponse(request({ "If-None-Match": etag }), "members", presenceEntry(member("xa"))).status).toBe(200);
  });
});

describe("presenceNotFound", () => {
  it("is one and the same answer for an audience", async () => {
    const [a, b] = [presenceNotFound("public"), presenceNotFound("public")];
    expect(a.status).toBe(404);
    expect(Object.fromEntries(a.headers)).toEqual(Object.fromEntries(b.headers));
    expect(await a.json()).toEqual({ error: "No such member" });
  });
});
