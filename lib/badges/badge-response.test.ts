import { describe, expect, it } from "vitest";
import { badgeNotFound, badgeResponse, parseBadgeFile } from "@/lib/badges/badge-response";
import type { HandlePresence } from "@/lib/presence/load-presence-by-handle";
import { PRESENCE_LABELS, PRESENCE_STATES, type PresenceState } from "@/lib/presence/states";

const ann = (state: PresenceState, statusText: string | null = "At choir practice"): HandlePresence => ({
  handle: "ann",
  displayName: "Ann Example",
  view: { memberId: "m1", state, statusText, since: "2026-11-01T12:00:00.000Z", idleSince: null, lastSeenAt: null, chatUri: null },
});
const request = (headers: Record<string, string> = {}) => new Request("http://board.test/badges/ann.svg", { headers });
const headersOf = (response: Response) => Object.fromEntries(response.headers);

describe("parseBadgeFile", () => {
  it("reads a handle and a known format", () => {
    expect(parseBadgeFile("ann.svg")).toEqual({ handle: "ann", format: "svg" });
    expect(parseBadgeFile("ruth-okafor2.png")).toEqual({ handle: "ruth-okafor2", format: "png" });
  });

  it.each(["ann", "ann.", ".svg", "ann.gif", "ann.SVG", "Ann.svg", "-ann.svg", "ann-.svg", "a..svg", "ann.svg.png.svg", "../ann.svg", "a/b.svg", "ann%00.svg", "ann .svg", `${"a".repeat(33)}.svg`, `${"a".repeat(100_000)}.svg`, "ann.svg\n", ""])(
    "names no badge for %j",
    (file) => {
      expect(parseBadgeFile(file)).toBeNull();
    },
  );
});

describe("badgeResponse", () => {
  it.each(PRESENCE_STATES)("sends an SVG saying %s, with a tag, short public caching and a policy that runs nothing", async (state) => {
    const response = badgeResponse(request(), ann(state), "svg");
    expect(response.status).toBe(200);
    expect(headersOf(response)).toMatchObject({
      "content-type": "image/svg+xml; charset=utf-8",
      "cache-control": "public, max-age=30",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
      etag: expect.stringMatching(/^"[\w-]+"$/),
    });
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain(`>${PRESENCE_LABELS[state]}</text>`);
  });

  it("answers 304 to the client's own tag, and a new tag when presence changes", async () => {
    const first = badgeResponse(request(), ann("available"), "svg");
    const etag = first.headers.get("etag") ?? "";
    const again = badgeResponse(request({ "If-None-Match": etag }), ann("available"), "svg");
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
    const changed = badgeResponse(request({ "If-None-Match": etag }), ann("away"), "svg");
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(badgeResponse(request(), ann("available", "Back soon"), "svg").headers.get("etag")).not.toBe(etag);
  });

  it("sends a PNG with a tag of its own, and 304 for it", async () => {
    const png = badgeResponse(request(), ann("dnd"), "png");
    expect(png.headers.get("content-type")).toBe("image/png");
    expect([...new Uint8Array(await png.arrayBuffer()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const etag = png.headers.get("etag") ?? "";
    expect(etag).not.toBe(badgeResponse(request(), ann("dnd"), "svg").headers.get("etag"));
    const again = badgeResponse(request({ "If-None-Match": etag }), ann("dnd"), "png");
    expect(again.status).toBe(304);
    expect(again.headers.get("content-type")).toBe("image/png");
  });
});

describe("badgeNotFound", () => {
  it("is one and the same answer every time", async () => {
    const [a, b] = [badgeNotFound(), badgeNotFound()];
    expect(a.status).toBe(404);
    expect(headersOf(a)).toEqual(headersOf(b));
    expect(headersOf(a)).toMatchObject({ "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
    expect(await a.text()).toBe(await b.text());
  });
});
