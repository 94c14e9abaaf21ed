// The board home's shared copies (app/cached-board/, one per audience) kept by the web server as
// bytes, plain and gzipped, so that a plain `/` is answered without Next.js. Next.js keeps a cached
// page as a JavaScript string and encodes it to UTF-8 again for every request (and compresses it
// again for every browser); under load that, not rendering, was most of the board's cost. A copy
// is taken from Next.js itself, through its own routing (`fetchCopy`), so it is what Next.js would
// have sent, and it is taken again once it is a second old (Next.js decides whether that means a
// new render, as its `revalidate` says) and at once after a write (`forget`).
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import type { Audience } from "@/lib/presence/visibility";
import { inlineScriptHashes } from "@/lib/web-server/security-headers";

const gzipped = promisify(gzip);

/** How long a copy is sent before Next.js is asked for it again. */
export const COPY_FRESH_MS = 1_000;
/** How long a copy may still be sent while a newer one is being fetched (the page's `revalidate`). */
export const COPY_STALE_MS = 10_000;
/** How long a request waits for a copy before Next.js answers it instead. */
export const COPY_PATIENCE_MS = 2_000;
/** How long a fetch of a copy may take at all. */
export const COPY_DEADLINE_MS = 15_000;

/**
 * Next.js's headers that are not the page's own: the connection's, the body's encoding and length
 * (the copy has its own), what the web server decides for each answer (caching, the policy), what is
 * one viewer's (cookies), and Next.js's internal ones. Everything else (preload links, headers from
 * next.config.ts) goes out with the copy as Next.js sent it.
 */
const NOT_THE_PAGES = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "date", "set-cookie", "cache-control", "vary", "content-security-policy", "content-security-policy-report-only", "etag", "age"]);
const NEXT_INTERNAL = /^x-(nextjs|middleware)-/;

export type CopyAnswer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

export type BoardHomeCopy = {
  audience: Audience;
  /** The page's own headers, as Next.js sent them (content type, preload links, …). */
  headers: OutgoingHttpHeaders;
  /** Next.js's own Vary (its router's request headers). */
  vary: string | undefined;
  /** Next.js's own Cache-Control for the shared copy. */
  cacheControl: string | undefined;
  body: Buffer;
  gzipped: Buffer;
  /** Of the page's inline scripts, for its Content-Security-Policy (security-headers.ts). */
  scriptHashes: string[];
  /** When it counts from: a copy Next.js called stale is due again at once. */
  storedAt: number;
};

export type BoardHomeCopiesOptions = {
  /**
   * Asks Next.js for an audience's copy as a request to `/` would: with no session for the public
   * copy, with the asking member's own cookies for the members' copy (proxy.ts checks them again).
   */
  fetchCopy(audience: Audience, cookie: string | undefined, signal: AbortSignal): Promise<CopyAnswer>;
  onFailure?(audience: Audience, why: unknown): void;
  now?(): number;
};

export class BoardHomeCopies {
  readonly #copies = new Map<Audience, BoardHomeCopy>();
  readonly #fetches = new Map<Audience, Promise<BoardHomeCopy | null>>();
  readonly #failedAt = new Map<Audience, number>();
  #generation = new AbortController();

  constructor(private readonly options: BoardHomeCopiesOptions) {}

  /**
   * The copy to send to a viewer of this audience, or null when Next.js should answer the request
   * itself (no copy could be taken lately, or none within COPY_PATIENCE_MS). Concurrent requests
   * share one fetch.
   */
  async copyFor(audience: Audience, cookie: string | undefined): Promise<BoardHomeCopy | null> {
    const now = this.#now();
    const kept = this.#copies.get(audience);
    const age = kept ? now - kept.storedAt : Infinity;
    if (kept && age < COPY_FRESH_MS) return kept;
    const usable = kept && age < COPY_STALE_MS ? kept : null;
    if (now - (this.#failedAt.get(audience) ?? -Infinity) < COPY_FRESH_MS) return usable;
    const fetching = this.#fetch(audience, cookie);
    if (usable) return usable;
    let timer: NodeJS.Timeout | undefined;
    const impatience = new Promise<null>((resolve) => (timer = setTimeout(resolve, COPY_PATIENCE_MS, null)));
    return Promise.race([fetching, impatience]).finally(() => clearTimeout(timer));
  }

  /** After a write: no copy taken before it is sent again, and fetches under way are given up. */
  forget(): void {
    this.#generation.abort();
    this.#generation = new AbortController();
    this.#copies.clear();
    this.#fetches.clear();
    this.#failedAt.clear();
  }

  #fetch(audience: Audience, cookie: string | undefined): Promise<BoardHomeCopy | null> {
    const running = this.#fetches.get(audience);
    if (running) return running;
    const generation = this.#generation.signal;
    const fetching: Promise<BoardHomeCopy | null> = this.#take(audience, cookie, AbortSignal.any([generation, AbortSignal.timeout(COPY_DEADLINE_MS)]))
      .then(
        (copy) => {
          if (!generation.aborted) this.#copies.set(audience, copy);
          return copy;
        },
        (why: unknown) => {
          if (generation.aborted) return null;
          this.#failedAt.set(audience, this.#now());
          this.options.onFailure?.(audience, why);
          return null;
        },
      )
      .finally(() => {
        if (this.#fetches.get(audience) === fetching) this.#fetches.delete(audience);
      });
    this.#fetches.set(audience, fetching);
    return fetching;
  }

  async #take(audience: Audience, cookie: string | undefined, signal: AbortSignal): Promise<BoardHomeCopy> {
    const answer = await this.options.fetchCopy(audience, cookie, signal);
    if (answer.status !== 200) throw new Error(`Next.js answered the board home with ${answer.status}`);
    // Only a page from Next.js's page cache is one render shared by its whole audience; anything
    // else (a route change that stopped rewriting `/` to the copies) may be one viewer's own page.
    const cached = answer.headers["x-nextjs-cache"];
    if (!cached) throw new Error("Next.js answered the board home without its cached copy");
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !NOT_THE_PAGES.has(name) && !NEXT_INTERNAL.test(name)) headers[name] = value;
    }
    headers["content-type"] ??= "text/html; charset=utf-8";
    return {
      audience,
      headers,
      vary: answer.headers.vary,
      cacheControl: answer.headers["cache-control"],
      body: answer.body,
      gzipped: await gzipped(answer.body),
      scriptHashes: inlineScriptHashes(answer.body.toString("utf8")),
      // Next.js renders a stale page afresh behind it: take the new one as soon as it is there.
      storedAt: cached === "STALE" ? this.#now() - COPY_FRESH_MS : this.#now(),
    };
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
