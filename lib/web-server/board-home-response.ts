// The answer to a plain `/` from a kept copy of the board home (board-home-copies.ts): the bytes
// Next.js rendered, gzipped when the browser takes gzip (as Next.js's own `compress` would), with
// the page's own headers as Next.js sent them, and the cache headers any page leaves with
// (page-cache-headers.ts).
import type { OutgoingHttpHeaders } from "node:http";
import Negotiator from "negotiator";
import type { BoardHomeCopy } from "@/lib/web-server/board-home-copies";
import { pageCacheHeaders, withVary } from "@/lib/web-server/page-cache-headers";

export type BoardHomeRequest = { method?: string | undefined; headers: { "accept-encoding"?: string | undefined; cookie?: string | undefined; authorization?: string | undefined } };

/** `policy`: the copy's Content-Security-Policy (its inline scripts allowed by their hashes). */
export function boardHomeResponse(copy: BoardHomeCopy, request: BoardHomeRequest, withSession: boolean, policy: string): { headers: OutgoingHttpHeaders; body: Buffer | null } {
  const encoding = new Negotiator(request).encoding(["gzip", "identity"]) ?? "identity";
  const body = encoding === "gzip" ? copy.gzipped : copy.body;
  const contentType = copy.headers["content-type"];
  const cache = pageCacheHeaders({ cacheControl: copy.cacheControl, vary: copy.vary, contentType: typeof contentType === "string" ? contentType : undefined }, withSession);
  const headers: OutgoingHttpHeaders = {
    ...copy.headers,
    "content-length": body.byteLength,
    vary: withVary(cache.vary, "Accept-Encoding"),
    "content-security-policy": policy,
  };
  if (cache.cacheControl) headers["cache-control"] = cache.cacheControl;
  if (encoding === "gzip") headers["content-encoding"] = "gzip";
  return { headers, body: request.method === "HEAD" ? null : body };
}
