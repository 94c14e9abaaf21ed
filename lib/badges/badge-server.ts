// Embeddable badges (`GET /badges/<handle>.svg|.png`), answered by the worker on the feed's HTTP port,
// as Prosody's mod_webpresence answers from inside the XMPP server: other sites' pages fetch them all
// day, and this process knows the moment a badge's presence changes. Each answer is kept in memory
// until then (forget()), or for a few seconds at most for what the worker does not hear of (a renamed
// member); a well-formed unknown handle is kept alike, so it costs what a known one does.
import type { IncomingMessage, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
import { BADGE_NOT_FOUND, badgeAnswer, parseBadgeFile, type BadgeAnswer } from "@/lib/badges/badge-response";
import type { Db } from "@/lib/db/client";
import { ifNoneMatchMatches } from "@/lib/http/conditional-get";
import type { Logger } from "@/lib/logger";
import { loadPresenceByHandle } from "@/lib/presence/load-presence-by-handle";
import { pausedView } from "@/lib/presence/paused-view";

const PREFIX = "/badges/";

export type BadgeServer = {
  /** Answers a badge address and returns true; returns false for any other address. */
  answer(request: IncomingMessage, response: ServerResponse): boolean;
  /** Presence, visibility or the session's liveness changed: every kept answer is stale. */
  forget(): void;
};

export function createBadgeServer({
  db,
  logger,
  keepMs = 5_000,
  isLive = () => true,
}: {
  db: Db;
  logger: Logger;
  keepMs?: number;
  /**
   * Whether this worker vouches for stored presence now. The heartbeat the read joins cannot say
   * "paused" while the database refuses the worker's writes; the worker itself knows.
   */
  isLive?: () => boolean;
}): BadgeServer {
  const kept = new LRUCache<string, BadgeAnswer>({ max: 10_000, ttl: keepMs });
  // Many requests for one badge at once share one read.
  const reading = new Map<string, Promise<BadgeAnswer>>();
  // A read that began before forget() must not keep what it found.
  let generation = 0;

  function answerFor(file: string): BadgeAnswer | Promise<BadgeAnswer> {
    const badge = parseBadgeFile(file);
    if (!badge) return BADGE_NOT_FOUND;
    const key = `${badge.handle}.${badge.format}`;
    const known = kept.get(key) ?? reading.get(key);
    if (known) return known;
    const startedIn = generation;
    const read = loadPresenceByHandle(db, "public", badge.handle)
      .then((found) => {
        const answer = found ? badgeAnswer(isLive() ? found : { ...found, view: pausedView(found.view) }, badge.format) : BADGE_NOT_FOUND;
        if (startedIn === generation) kept.set(key, answer);
        return answer;
      })
      .finally(() => {
        if (reading.get(key) === read) reading.delete(key);
      });
    reading.set(key, read);
    return read;
  }

  return {
    answer(request, response) {
      const url = request.url ?? "";
      if (!url.startsWith(PREFIX)) return false;
      if (request.method !== "GET" && request.method !== "HEAD") {
        response.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" }).end("Badges are only read.\n");
        return true;
      }
      // Query parameters are ignored: a badge has no options.
      const file = url.slice(PREFIX.length).split("?", 1)[0] ?? "";
      Promise.resolve(answerFor(file)).then(
        (answer) => send(request, response, answer),
        (error: unknown) => {
          logger.error({ err: error }, "could not answer a badge");
          if (!response.headersSent) response.writeHead(503, { "Retry-After": "5", "Content-Type": "text/plain; charset=utf-8" });
          response.end("Badges are unavailable for a moment.\n");
        },
      );
      return true;
    },
    forget() {
      generation += 1;
      kept.clear();
      reading.clear();
    },
  };
}

function send(request: IncomingMessage, response: ServerResponse, answer: BadgeAnswer): void {
  if (answer.etag && ifNoneMatchMatches(request.headers["if-none-match"] ?? null, answer.etag)) {
    response.writeHead(304, answer.headers).end();
    return;
  }
  response.writeHead(answer.status, { ...answer.headers, "Content-Length": String(Buffer.byteLength(answer.body)) });
  response.end(request.method === "HEAD" ? undefined : answer.body);
}
