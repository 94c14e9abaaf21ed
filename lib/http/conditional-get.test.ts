import { describe, expect, it } from "vitest";
import { conditionalResponse, etagOf, ifNoneMatchMatches } from "@/lib/http/conditional-get";

const ETAG = etagOf("<svg>Online</svg>");
const get = (ifNoneMatch?: string) => new Request("http://board.test/badges/ann.svg", { headers: ifNoneMatch === undefined ? {} : { "If-None-Match": ifNoneMatch } });
const answer = (ifNoneMatch?: string) =>
  conditionalResponse(get(ifNoneMatch), "<svg>Online</svg>", { etag: ETAG, headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=30" } });

describe("etagOf", () => {
  it("is a strong, quoted tag that follows the body", () => {
    expect(ETAG).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(etagOf("<svg>Online</svg>")).toBe(ETAG);
    expect(etagOf("<svg>Away</svg>")).not.toBe(ETAG);
    expect(etagOf(new TextEncoder().encode("<svg>Online</svg>"))).toBe(ETAG);
  });
});

describe("ifNoneMatchMatches", () => {
  it("matches the tag alone, in a list, weakened by a proxy, or as *", () => {
    expect(ifNoneMatchMatches(ETAG, ETAG)).toBe(true);
    expect(ifNoneMatchMatches(`"old", ${ETAG}`, ETAG)).toBe(true);
    expect(ifNoneMatchMatches(`"old",${ETAG} , "older"`, ETAG)).toBe(true);
    expect(ifNoneMatchMatches(`W/${ETAG}`, ETAG)).toBe(true);
    expect(ifNoneMatchMatches(" * ", ETAG)).toBe(true);
  });

  it("matches nothing for another tag, no header, or a malformed one", () => {
    expect(ifNoneMatchMatches(null, ETAG)).toBe(false);
    expect(ifNoneMatchMatches("", ETAG)).toBe(false);
    expect(ifNoneMatchMatches('"something-else"', ETAG)).toBe(false);
    expect(ifNoneMatchMatches(ETAG.slice(1, -1), ETAG)).toBe(false); // unquoted
    expect(ifNoneMatchMatches(`garbage ${ETAG}`, ETAG)).toBe(false);
    expect(ifNoneMatchMatches(`w/${ETAG}`, ETAG)).toBe(false); // the weak prefix is case-sensitive
    expect(ifNoneMatchMatches(`"a" "b" ${ETAG}`, ETAG)).toBe(false);
  });

  it("gives up quickly on absurd headers", () => {
    expect(ifNoneMatchMatches(`${'"x", '.repeat(2000)}${ETAG}`, ETAG)).toBe(false); // too long to be real
    const started = performance.now();
    expect(ifNoneMatchMatches(`${'"'.repeat(4000)}`, ETAG)).toBe(false);
    expect(ifNoneMatchMatches(`${" ,".repeat(2000)}`, ETAG)).toBe(false);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe("conditionalResponse", () => {
  it("sends the body with its tag and caching headers", async () => {
    const response = answer();
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe(ETAG);
    expect(response.headers.get("cache-control")).toBe("public, max-age=30");
    expect(await response.text()).toBe("<svg>Online</svg>");
  });

  it("answers 304 with the same tag and caching headers and no body when the client holds it", async () => {
    const response = answer(`"old", W/${ETAG}`);
    expect(response.status).toBe(304);
    expect(response.headers.get("etag")).toBe(ETAG);
    expect(response.headers.get("cache-control")).toBe("public, max-age=30");
    expect(await response.text()).toBe("");
  });

  it("sends the body again when the client's copy is out of date", async () => {
    const response = answer(etagOf("<svg>Away</svg>"));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("<svg>Online</svg>");
  });
});

describe("conditionalResponse with a body made on demand", () => {
  it("makes the body only when it is sent", async () => {
    let made = 0;
    const body = () => {
      made += 1;
      return new TextEncoder().encode("png bytes");
    };
    expect(conditionalResponse(get(ETAG), body, { etag: ETAG, headers: {} }).status).toBe(304);
    expect(made).toBe(0);
    expect(await conditionalResponse(get(), body, { etag: ETAG, headers: {} }).text()).toBe("png bytes");
    expect(made).toBe(1);
  });
});
