import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { BoardHomeCopy } from "@/lib/web-server/board-home-copies";
import { boardHomeResponse } from "@/lib/web-server/board-home-response";
import { PRIVATE_PAGE } from "@/lib/web-server/page-cache-headers";

const body = Buffer.from("<!DOCTYPE html><title>Board — “news”</title>");
const copy: BoardHomeCopy = {
  audience: "public",
  headers: { "content-type": "text/html; charset=utf-8", link: "</_next/static/chunks/app.js>; rel=preload; as=script" },
  vary: "rsc, next-router-state-tree",
  cacheControl: "s-maxage=10, stale-while-revalidate=50",
  body,
  gzipped: gzipSync(body),
  scriptHashes: [],
  storedAt: 0,
};
const POLICY = "default-src 'self'; script-src 'self' 'sha256-AAA='";

describe("boardHomeResponse", () => {
  it("sends the bytes gzipped to a browser that takes gzip, and plain otherwise", () => {
    const zipped = boardHomeResponse(copy, { method: "GET", headers: { "accept-encoding": "gzip, deflate, br" } }, false, POLICY);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zipped.body ?? Buffer.alloc(0)).equals(body)).toBe(true);
    expect(zipped.headers["content-length"]).toBe(copy.gzipped.byteLength);

    for (const acceptEncoding of [undefined, "identity", "gzip;q=0", "br"]) {
      const plain = boardHomeResponse(copy, { method: "GET", headers: { "accept-encoding": acceptEncoding } }, false, POLICY);
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body?.equals(body)).toBe(true);
      expect(plain.headers["content-length"]).toBe(body.byteLength);
    }
  });

  it("is shareable for visitors, varying by cookie and encoding, and private for a request with a session", () => {
    const visitors = boardHomeResponse(copy, { method: "GET", headers: {} }, false, POLICY);
    expect(visitors.headers["cache-control"]).toBe(copy.cacheControl);
    expect(visitors.headers.vary).toBe("rsc, next-router-state-tree, Cookie, Accept-Encoding");
    expect(visitors.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(visitors.headers["content-security-policy"]).toBe(POLICY);
    expect(visitors.headers.link).toBe(copy.headers.link);

    const member = boardHomeResponse({ ...copy, audience: "members" }, { method: "GET", headers: { cookie: "narthex.session=abc" } }, true, POLICY);
    expect(member.headers["cache-control"]).toBe(PRIVATE_PAGE);
    expect(member.headers.vary).toBe("rsc, next-router-state-tree, Accept-Encoding");
  });

  it("answers HEAD with the headers alone", () => {
    const head = boardHomeResponse(copy, { method: "HEAD", headers: {} }, false, POLICY);
    expect(head.body).toBeNull();
    expect(head.headers["content-length"]).toBe(body.byteLength);
  });
});
