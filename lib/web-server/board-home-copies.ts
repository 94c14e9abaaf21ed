// The board home's shared copies (app/cached-board/, one per audience) kept by the web server as
// bytes, plain and gzipped, so that a plain `/` is answered without Next.js. Next.js keeps a cached
// page as a JavaScript string and encodes it to UTF-8 again for every request (and compresses it
// again for every browser); under load that, not rendering, was most of the board's cost. A copy
// is taken from Next.js itself, through its own routing (`fetchCopy`), so it is exactly what
// Next.js would have sent, and it is taken again once it is a second old (Next.js decides whether
// that means a new render, as its `revalidate` says) and at once after a board write
// (board-home-changes.ts).
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { IncomingHttpHeaders } from "node:http";
import type { Audience } from "@/lib/presence/visibility";

const gzipped = promisify(gzip);

/** How long a copy is sent before Next.js is asked for it again. */
export const COPY_FRESH_MS = 1_000;
/** How long a copy may still be sent while a newer one is being fetched (the page's `revalidate`). */
export const COPY_STALE_MS = 10_000;

export type CopyAnswer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

export type BoardHomeCopy = {
  audience: Audience;
  contentType: string;
  /** Next.js's own Vary (its router's request headers). */
  vary: string | undefined;
  /** Next.js's own Cache-Control for the shared copy. */
  cacheControl: string | undefined;
  body: Buffer;
  gzipped: Buffer;
  storedAt: number;
};

export type BoardHomeCopiesOptions = {
  /**
   * Asks Next.js for an audience's copy as a request to `/` would: with no session for the public
   * copy, with the asking member's own cookies for the members' copy (proxy.ts checks them again).
   */
  fetchCopy(audience: Audience, cookie: string | undefined): Promise<CopyAnswer>;
  onFailure?(audience: Audience, why: unknown): void;
  now?(): number;
};

export class BoardHomeCopies {
  readonly #copies = new Map<Audience, BoardHomeCopy>();
  readonly #fetches = new Map<Audience, Promise<BoardHomeCopy | null>>();
  readonly #failedAt = new Map<Audience, number>();
  #generation = 0;

  constructor(private readonly options: BoardHomeCopiesOptions) {}

  /**
   * The copy to send to a viewer of this audience, or null when Next.js should answer the request
   * itself (no copy could be taken lately). Concurrent requests share one fetch.
   */
  async copyFor(audience: Audience, cookie: string | undefined): Promise<BoardHomeCopy | null> {
    const now = this.#now();
    const kept = this.#copies.get(audience);
    const age = kept ? now - kept.storedAt : Infinity;
    if (kept && age < COPY_FRESH_MS) return kept;
    if (now - (this.#failedAt.get(audience) ?? -Infinity) < COPY_FRESH_MS) return kept && age < COPY_STALE_MS ? kept : null;
    const fetching = this.#fetch(audience, cookie);
    return kept && age < COPY_STALE_MS ? kept : fetching;
  }

  /** After a board write: no copy taken before it is sent again, and no fetch under way is kept. */
  forget(): void {
    this.#generation += 1;
    this.#copies.clear();
    this.#fetches.clear();
    this.#failedAt.clear();
  }

  #fetch(audience: Audience, cookie: string | undefined): Promise<BoardHomeCopy | null> {
    const running = this.#fetches.get(audience);
    if (running) return running;
    const generation = this.#generation;
    const fetching: Promise<BoardHomeCopy | null> = this.#take(audience, cookie)
      .then(
        (copy) => {
          if (generation === this.#generation) this.#copies.set(audience, copy);
          return copy;
        },
        (why: unknown) => {
          if (generation === this.#generation) this.#failedAt.set(audience, this.#now());
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

  async #take(audience: Audience, cookie: string | undefined): Promise<BoardHomeCopy> {
    const answer = await this.options.fetchCopy(audience, cookie);
    if (answer.status !== 200) throw new Error(`Next.js answered the board home with ${answer.status}`);
    // Only a page from Next.js's page cache is one render shared by its whole audience; anything
    // else (a route change that stopped rewriting `/` to the copies) may be one viewer's own page.
    if (!answer.headers["x-nextjs-cache"]) throw new Error("Next.js answered the board home without its cached copy");
    return {
      audience,
      contentType: answer.headers["content-type"] ?? "text/html; charset=utf-8",
      vary: answer.headers.vary,
      cacheControl: answer.headers["cache-control"],
      body: answer.body,
      gzipped: await gzipped(answer.body),
      storedAt: this.#now(),
    };
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
