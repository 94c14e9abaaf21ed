// What a shared cache (a CDN, the operator's proxy) may keep of a page. Next.js marks the board's
// shared copies `s-maxage`, whoever asked; but a page or its router payload answered to a request
// with a session may hold what only members see, so it is made private, and a shareable one says
// it varies by Cookie, so that no cache hands a visitor's page to a member or the other way round.
// Static files are not pages and keep their long public caching.
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookie";

export const PRIVATE_PAGE = "private, no-cache, no-store, max-age=0, must-revalidate";

const PAGE_TYPES = ["text/html", "text/x-component"];

/** Whether the request carries a session (a cookie by one of its names, or an Auth.js bearer token). */
export function carriesSession(headers: { cookie?: string | undefined; authorization?: string | undefined }): boolean {
  if (headers.authorization?.trim().toLowerCase().startsWith("bearer ")) return true;
  const names = (headers.cookie ?? "").split(";").map((pair) => pair.split("=", 1)[0]?.trim());
  return names.some((name) => SESSION_COOKIE_NAMES.some((sessionName) => sessionName === name));
}

export type CacheHeaders = { cacheControl: string | undefined; vary: string | undefined };

/** The Cache-Control and Vary a page response leaves with. */
export function pageCacheHeaders(headers: CacheHeaders & { contentType: string | undefined }, withSession: boolean): CacheHeaders {
  const { cacheControl, vary, contentType } = headers;
  const isPage = PAGE_TYPES.some((type) => contentType?.toLowerCase().startsWith(type));
  if (!isPage || !cacheControl || !isShareable(cacheControl)) return { cacheControl, vary };
  if (withSession) return { cacheControl: PRIVATE_PAGE, vary };
  return { cacheControl, vary: withVary(vary, "Cookie") };
}

function isShareable(cacheControl: string): boolean {
  const directives = cacheControl.toLowerCase().split(",").map((directive) => directive.trim().split("=", 1)[0]);
  if (directives.includes("private") || directives.includes("no-store")) return false;
  return directives.includes("public") || directives.includes("s-maxage");
}

/** `vary` with each of `names` added once (header names compare without case). */
export function withVary(vary: string | undefined, ...names: string[]): string {
  const present = (vary ?? "").split(",").map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (!present.some((existing) => existing.toLowerCase() === name.toLowerCase() || existing === "*")) present.push(name);
  }
  return present.join(", ");
}
