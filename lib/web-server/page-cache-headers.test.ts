import { describe, expect, it } from "vitest";
import { carriesSession, pageCacheHeaders, PRIVATE_PAGE, withVary } from "@/lib/web-server/page-cache-headers";

const SHARED_COPY = { cacheControl: "s-maxage=10, stale-while-revalidate=50", vary: "rsc, next-router-state-tree", contentType: "text/html; charset=utf-8" };

describe("carriesSession", () => {
  it("sees the session cookie under either of its names, or a bearer token", () => {
    expect(carriesSession({ cookie: "narthex.session=abc" })).toBe(true);
    expect(carriesSession({ cookie: "theme=dark; narthex.session.0=abc; other=1" })).toBe(true);
    expect(carriesSession({ authorization: "Bearer abc" })).toBe(true);
  });

  it("sees none in other cookies, look-alike names or values", () => {
    expect(carriesSession({})).toBe(false);
    expect(carriesSession({ cookie: "theme=dark" })).toBe(false);
    expect(carriesSession({ cookie: "xnarthex.session=abc; narthex.session.1=abc" })).toBe(false);
    expect(carriesSession({ cookie: "theme=narthex.session=abc" })).toBe(false);
    expect(carriesSession({ authorization: "Basic abc" })).toBe(false);
  });
});

describe("pageCacheHeaders", () => {
  it("makes a shareable page private when the request carried a session", () => {
    expect(pageCacheHeaders(SHARED_COPY, true)).toEqual({ cacheControl: PRIVATE_PAGE, vary: SHARED_COPY.vary });
    expect(pageCacheHeaders({ ...SHARED_COPY, contentType: "text/x-component" }, true).cacheControl).toBe(PRIVATE_PAGE);
    expect(pageCacheHeaders({ ...SHARED_COPY, cacheControl: "public, max-age=60" }, true).cacheControl).toBe(PRIVATE_PAGE);
  });

  it("lets a shareable page be shared only by requests without cookies that differ", () => {
    expect(pageCacheHeaders(SHARED_COPY, false)).toEqual({ cacheControl: SHARED_COPY.cacheControl, vary: "rsc, next-router-state-tree, Cookie" });
  });

  it("leaves private pages and whatever is not a page as they are", () => {
    const privatePage = { ...SHARED_COPY, cacheControl: PRIVATE_PAGE };
    expect(pageCacheHeaders(privatePage, true)).toEqual({ cacheControl: PRIVATE_PAGE, vary: SHARED_COPY.vary });
    const script = { cacheControl: "public, max-age=31536000, immutable", vary: undefined, contentType: "application/javascript" };
    expect(pageCacheHeaders(script, true)).toEqual({ cacheControl: script.cacheControl, vary: undefined });
    expect(pageCacheHeaders({ ...SHARED_COPY, cacheControl: undefined }, true)).toEqual({ cacheControl: undefined, vary: SHARED_COPY.vary });
  });
});

describe("withVary", () => {
  it("adds each name once, whatever its case", () => {
    expect(withVary(undefined, "Cookie")).toBe("Cookie");
    expect(withVary("rsc, cookie", "Cookie", "Accept-Encoding")).toBe("rsc, cookie, Accept-Encoding");
    expect(withVary("*", "Cookie")).toBe("*");
  });
});
