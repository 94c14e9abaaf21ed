import { describe, expect, it } from "vitest";
import { BADGE_NOT_FOUND, badgeAnswer, parseBadgeFile, type BadgeAnswer } from "@/lib/badges/badge-response";
import type { HandlePresence } from "@/lib/presence/load-presence-by-handle";
import { PRESENCE_LABELS, PRESENCE_STATES, type PresenceState } from "@/lib/presence/states";

const ann = (state: PresenceState, statusText: string | null = "At choir practice"): HandlePresence => ({
  handle: "ann",
  displayName: "Ann Example",
  view: { memberId: "m1", state, statusText, since: "2026-11-01T12:00:00.000Z", idleSince: null, lastSeenAt: null, chatUri: null },
});

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

describe("badgeAnswer", () => {
  const text = (answer: BadgeAnswer) => (typeof answer.body === "string" ? answer.body : new TextDecoder().decode(answer.body));

  it.each(PRESENCE_STATES)("is an SVG saying %s, with a tag, short public caching and a policy that runs nothing", (state) => {
    const answer = badgeAnswer(ann(state), "svg");
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=30",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      ETag: expect.stringMatching(/^"[\w-]+"$/),
    });
    expect(answer.etag).toBe(answer.headers.ETag);
    expect(text(answer)).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(text(answer)).toContain(`>${PRESENCE_LABELS[state]}</text>`);
  });

  it("has the same tag for the same badge, and a new one when the state or the status text changes", () => {
    const etag = badgeAnswer(ann("available"), "svg").etag;
    expect(badgeAnswer(ann("available"), "svg").etag).toBe(etag);
    expect(badgeAnswer(ann("away"), "svg").etag).not.toBe(etag);
    expect(badgeAnswer(ann("available", "Back soon"), "svg").etag).not.toBe(etag);
  });

  it("is a PNG with a tag of its own", () => {
    const png = badgeAnswer(ann("dnd"), "png");
    expect(png.headers["Content-Type"]).toBe("image/png");
    expect([...(png.body as Uint8Array).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png.etag).not.toBe(badgeAnswer(ann("dnd"), "svg").etag);
    expect(badgeAnswer(ann("dnd"), "png").etag).toBe(png.etag);
  });
});

describe("BADGE_NOT_FOUND", () => {
  it("is a plain 404 with no tag, so it is never answered with 304", () => {
    expect(BADGE_NOT_FOUND.status).toBe(404);
    expect(BADGE_NOT_FOUND.etag).toBeNull();
    expect(BADGE_NOT_FOUND.headers).toMatchObject({ "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
    expect(BADGE_NOT_FOUND.body).toBe("No such badge.\n");
  });
});
