import { gunzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import type { Audience } from "@/lib/presence/visibility";
import { BoardHomeCopies, COPY_FRESH_MS, COPY_PATIENCE_MS, COPY_STALE_MS, type CopyAnswer } from "@/lib/web-server/board-home-copies";

const CACHED = { "content-type": "text/html; charset=utf-8", "cache-control": "s-maxage=10, stale-while-revalidate=50", vary: "rsc", "x-nextjs-cache": "HIT" };

/**
 * Next.js as the copies see it: a fetch answers with the board as it stood when it was asked (a
 * render reads the database then), whenever it is let through.
 */
function fakeNext() {
  const asked: Array<{ audience: Audience; cookie: string | undefined; signal: AbortSignal }> = [];
  const pending: Array<() => void> = [];
  let board = "board v1";
  let answer: (audience: Audience, board: string) => CopyAnswer = (audience, board) => ({ status: 200, headers: CACHED, body: Buffer.from(`${board} for ${audience} — “quoted”`) });
  let hold = false;
  let clock = 0;
  const copies = new BoardHomeCopies({
    now: () => clock,
    fetchCopy: (audience, cookie, signal) => {
      asked.push({ audience, cookie, signal });
      const boardWhenAsked = board;
      const reply = () => answer(audience, boardWhenAsked);
      if (!hold) return Promise.resolve().then(reply);
      return new Promise<CopyAnswer>((resolve, reject) => pending.push(() => {
        try {
          resolve(reply());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }));
    },
  });
  return {
    copies,
    asked,
    setBoard: (text: string) => (board = text),
    answerWith: (next: (audience: Audience, board: string) => CopyAnswer) => (answer = next),
    hold: () => (hold = true),
    release: () => {
      hold = false;
      for (const resolve of pending.splice(0)) resolve();
    },
    advance: (ms: number) => (clock += ms),
  };
}

const text = (copy: { body: Buffer } | null) => copy?.body.toString("utf8");

describe("BoardHomeCopies", () => {
  it("keeps each audience's copy, plain and gzipped, and asks Next.js again once it is a second old", async () => {
    const next = fakeNext();
    const first = await next.copies.copyFor("members", "narthex.session=abc");
    expect(text(first)).toBe("board v1 for members — “quoted”");
    expect(gunzipSync(first?.gzipped ?? Buffer.alloc(0)).equals(first?.body ?? Buffer.alloc(1))).toBe(true);
    expect(next.asked.map(({ audience, cookie }) => ({ audience, cookie }))).toEqual([{ audience: "members", cookie: "narthex.session=abc" }]);

    expect(text(await next.copies.copyFor("public", undefined))).toBe("board v1 for public — “quoted”");
    next.advance(COPY_FRESH_MS - 1);
    await next.copies.copyFor("members", "narthex.session=abc");
    expect(next.asked).toHaveLength(2);

    next.setBoard("board v2");
    next.advance(1);
    // The old copy goes out once more while the new one is fetched, then the new one.
    expect(text(await next.copies.copyFor("members", "narthex.session=abc"))).toBe("board v1 for members — “quoted”");
    await expect.poll(async () => text(await next.copies.copyFor("members", "narthex.session=abc"))).toBe("board v2 for members — “quoted”");
    expect(next.asked).toHaveLength(3);
  });

  it("keeps the page's own headers and none that are the connection's, one viewer's or Next.js's", async () => {
    const next = fakeNext();
    next.answerWith((audience, board) => ({
      status: 200,
      headers: {
        ...CACHED,
        link: "</_next/static/chunks/app.js>; rel=preload; as=script",
        "x-custom-from-config": "kept",
        "set-cookie": ["narthex.session=someone-elses"],
        "content-length": "12",
        "transfer-encoding": "chunked",
        "x-middleware-rewrite": "/cached-board/members",
        "content-security-policy": "script-src 'nonce-someone-elses'",
      },
      body: Buffer.from(`${board} for ${audience}`),
    }));
    const copy = await next.copies.copyFor("members", "narthex.session=abc");
    expect(copy?.headers).toEqual({ "content-type": "text/html; charset=utf-8", link: "</_next/static/chunks/app.js>; rel=preload; as=script", "x-custom-from-config": "kept" });
  });

  it("shares one fetch between concurrent requests", async () => {
    const next = fakeNext();
    next.hold();
    const waiting = Array.from({ length: 20 }, () => next.copies.copyFor("public", undefined));
    next.release();
    const copies = await Promise.all(waiting);
    expect(new Set(copies).size).toBe(1);
    expect(next.asked).toHaveLength(1);
  });

  it("never sends a copy asked for before a write once the write is known, and gives up that fetch", async () => {
    const next = fakeNext();
    await next.copies.copyFor("public", undefined);
    next.hold();
    next.advance(COPY_FRESH_MS);
    const beforeWrite = next.copies.copyFor("public", undefined); // a fetch under way when the write lands
    next.setBoard("board v2");
    next.copies.forget();
    expect(next.asked[1]?.signal.aborted).toBe(true);
    const afterWrite = next.copies.copyFor("public", undefined);
    next.release();
    expect(text(await beforeWrite)).toBe("board v1 for public — “quoted”"); // it was asked before the write
    expect(text(await afterWrite)).toBe("board v2 for public — “quoted”");
    expect(text(await next.copies.copyFor("public", undefined))).toBe("board v2 for public — “quoted”");
    expect(next.asked).toHaveLength(3);
  });

  it("asks again at once after a copy Next.js called stale", async () => {
    const next = fakeNext();
    next.answerWith((audience, board) => ({ status: 200, headers: { ...CACHED, "x-nextjs-cache": "STALE" }, body: Buffer.from(`${board} for ${audience}`) }));
    expect(text(await next.copies.copyFor("public", undefined))).toBe("board v1 for public");
    next.answerWith((audience, board) => ({ status: 200, headers: CACHED, body: Buffer.from(`${board} (rendered again) for ${audience}`) }));
    expect(text(await next.copies.copyFor("public", undefined))).toBe("board v1 for public");
    await expect.poll(async () => text(await next.copies.copyFor("public", undefined))).toBe("board v1 (rendered again) for public");
  });

  it("lets Next.js answer when it sends no cached copy, an error, or nothing at all, and tries again a second later", async () => {
    const next = fakeNext();
    next.answerWith(() => ({ status: 200, headers: { "content-type": "text/html" }, body: Buffer.from("one viewer's own page") }));
    expect(await next.copies.copyFor("members", "narthex.session=abc")).toBeNull();
    expect(await next.copies.copyFor("members", "narthex.session=abc")).toBeNull();
    expect(next.asked).toHaveLength(1);

    next.answerWith(() => ({ status: 500, headers: CACHED, body: Buffer.from("error") }));
    next.advance(COPY_FRESH_MS);
    expect(await next.copies.copyFor("members", "narthex.session=abc")).toBeNull();

    next.answerWith(() => {
      throw new Error("connection refused");
    });
    next.advance(COPY_FRESH_MS);
    expect(await next.copies.copyFor("members", "narthex.session=abc")).toBeNull();
    expect(next.asked).toHaveLength(3);
  });

  it("lets Next.js answer a request that would wait for a copy too long", async () => {
    vi.useFakeTimers();
    try {
      const next = fakeNext();
      next.hold();
      const waiting = next.copies.copyFor("public", undefined);
      await vi.advanceTimersByTimeAsync(COPY_PATIENCE_MS);
      expect(await waiting).toBeNull();
      next.release();
    } finally {
      vi.useRealTimers();
    }
  });

  it("sends a kept copy while Next.js fails, but not once it is older than the page's revalidate time", async () => {
    const next = fakeNext();
    await next.copies.copyFor("public", undefined);
    next.answerWith(() => ({ status: 503, headers: CACHED, body: Buffer.from("down") }));
    next.advance(COPY_FRESH_MS);
    expect(text(await next.copies.copyFor("public", undefined))).toBe("board v1 for public — “quoted”");
    next.advance(COPY_STALE_MS - COPY_FRESH_MS);
    expect(await next.copies.copyFor("public", undefined)).toBeNull();
  });
});
