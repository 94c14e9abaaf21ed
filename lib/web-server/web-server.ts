// The board's HTTP server: Next.js, with a few things in front of it. A browser's plain `/` (the
// board home) is answered from the kept copy of the viewer's audience (board-home-copies.ts), the
// viewer checked here from the session cookie exactly as proxy.ts checks it; everything else, and
// `/` whenever no copy can be had, is Next.js's. Every answer carries the security headers and every
// page a Content-Security-Policy (security-headers.ts), and every page leaves with cache headers that
// keep one viewer's page out of shared caches (page-cache-headers.ts).
import { createServer, request as httpRequest, Agent, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import onHeaders from "on-headers";
import { viewerOfRequest } from "@/lib/auth/request-viewer";
import { createBadgeServer } from "@/lib/badges/badge-server";
import { startFeedNode, type FeedNode } from "@/lib/realtime/feed-cluster";
import type { FeedConnectionLimits } from "@/lib/realtime/feed-connection-gate";
import type { Db } from "@/lib/db/client";
import type { Logger } from "@/lib/logger";
import { audienceOf, type Audience } from "@/lib/presence/visibility";
import { BoardHomeCopies, COPY_DEADLINE_MS, type BoardHomeCopy, type CopyAnswer } from "@/lib/web-server/board-home-copies";
import { boardHomeResponse } from "@/lib/web-server/board-home-response";
import { carriesSession, pageCacheHeaders } from "@/lib/web-server/page-cache-headers";
import { contentSecurityPolicy, newNonce, SECURITY_HEADERS } from "@/lib/web-server/security-headers";

/**
 * Marks the web server's own request for a copy, so that it goes to Next.js. It is no secret: anyone
 * sending it merely has their `/` rendered by Next.js, as a query string would.
 */
const COPY_REQUEST_HEADER = "x-narthex-board-copy";
/** Request headers of Next.js's client router: such a `/` wants the page's router payload, not the document. */
const ROUTER_HEADERS = ["rsc", "next-router-prefetch", "next-router-state-tree", "next-router-segment-prefetch", "next-action"];
/** Methods that never write: any other request may have changed the board. */
const READS = new Set(["GET", "HEAD", "OPTIONS"]);
/**
 * After a write, a render of the board that read the database just before it may still be under
 * way; revalidate-board.ts renews Next.js's copies once more two seconds later, and so do we.
 */
const FORGET_AGAIN_AFTER_MS = 2_500;
/** How long requests under way may finish when the server stops. */
const SHUTDOWN_GRACE_MS = 5_000;

export type WebServerOptions = {
  dir: string;
  /** Every interface when undefined. */
  host: string | undefined;
  port: number;
  db: Db;
  authSecret: string;
  /** Where browsers reach the worker (NARTHEX_REALTIME_URL), for the Content-Security-Policy. */
  feedUrl: string;
  logger: Logger;
  /**
   * Serve the socket.io feed here too, as one of several nodes joined through PostgreSQL
   * (NARTHEX_FEED_ADAPTER=postgresql, lib/realtime/feed-cluster.ts); browsers then reach it at this
   * server's own address. Without it the worker serves the feed.
   */
  feedNode?: { databaseUrl: string; feedSecret: string; origins: string[]; connectionLimits?: FeedConnectionLimits };
};

export type WebServer = { server: Server; feed: FeedNode | null; close(): Promise<void> };

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { db, authSecret, logger } = options;
  const server = createServer();
  const app = next({ dev: false, dir: options.dir, hostname: options.host ?? "localhost", port: options.port, httpServer: server });
  await app.prepare();
  const handle = app.getRequestHandler();
  const loopback = new Agent({ keepAlive: true });
  const copies = new BoardHomeCopies({
    fetchCopy: (_audience, cookie, signal) => fetchCopy(server, loopback, cookie, signal),
    onFailure: (audience, why) => logger.warn({ audience, err: why }, "no copy of the board home; Next.js answers `/` itself for now"),
  });
  const forgetTimers = new Set<NodeJS.Timeout>();
  const forgetAfterWrite = () => {
    copies.forget();
    const again = setTimeout(() => {
      forgetTimers.delete(again);
      copies.forget();
    }, FORGET_AGAIN_AFTER_MS);
    forgetTimers.add(again);
  };
  const copyPolicies = new WeakMap<BoardHomeCopy, string>();
  const policyOf = (copy: BoardHomeCopy) => {
    const known = copyPolicies.get(copy);
    if (known) return known;
    const policy = contentSecurityPolicy({ hashes: copy.scriptHashes }, options.feedUrl);
    copyPolicies.set(copy, policy);
    return policy;
  };
  // A page from Next.js's page cache was rendered for someone else's request, with their nonce.
  const cachedPagePolicy = contentSecurityPolicy("any", options.feedUrl);

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    // A write (a server action, a form posted without scripts, an API call) may have changed the
    // board: once Next.js has applied its own revalidation and answered, no kept copy is older.
    if (!READS.has(request.method ?? "GET")) response.once("finish", forgetAfterWrite);
    const withSession = carriesSession(request.headers);
    if (isBoardHomeDocument(request)) {
      const audience = await audienceOfRequest(request);
      const copy = audience && (await copies.copyFor(audience, audience === "members" ? request.headers.cookie : undefined));
      if (copy) {
        const { headers, body } = boardHomeResponse(copy, request, withSession, policyOf(copy));
        response.writeHead(200, headers);
        response.end(body);
        return;
      }
    }
    // Next.js puts the nonce of the policy it finds on the request on its scripts; none but ours counts.
    const policy = contentSecurityPolicy({ nonce: newNonce() }, options.feedUrl);
    request.headers["content-security-policy"] = policy;
    delete request.headers["content-security-policy-report-only"];
    onHeaders(response, function (this: ServerResponse) {
      const header = (name: string) => headerText(this.getHeader(name));
      const contentType = header("content-type");
      const cache = pageCacheHeaders({ cacheControl: header("cache-control"), vary: header("vary"), contentType }, withSession);
      if (cache.cacheControl) this.setHeader("cache-control", cache.cacheControl);
      if (cache.vary) this.setHeader("vary", cache.vary);
      if (contentType?.startsWith("text/html")) this.setHeader("content-security-policy", header("x-nextjs-cache") ? cachedPagePolicy : policy);
    });
    await handle(request, response);
  }

  async function audienceOfRequest(request: IncomingMessage): Promise<Audience | null> {
    try {
      // The cookie alone, as Next.js's routing looks only at the cookie (next.config.ts, proxy.ts).
      const headers = new Headers(request.headers.cookie ? { cookie: request.headers.cookie } : {});
      return audienceOf(await viewerOfRequest(db, { headers }, authSecret));
    } catch (error) {
      logger.warn({ err: error }, "could not check a session for the board home; Next.js answers it");
      return null;
    }
  }

  // A feed node also answers the badges, which live at the feed's address (NARTHEX_REALTIME_URL),
  // kept as the worker keeps them: until the feed next changes.
  let feed: FeedNode | null = null;
  const badges = options.feedNode ? createBadgeServer({ db, logger, isLive: () => feed?.status().live ?? false }) : null;
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    if (badges?.answer(request, response)) return;
    answer(request, response).catch((error: unknown) => {
      logger.error({ err: error, path: request.url }, "request failed");
      // Part of an answer may be on its way already: cut it off rather than append to it.
      if (response.headersSent) return void response.destroy();
      response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end("Something went wrong on our side.");
    });
  });
  // After our request listener: socket.io takes its own path and hands every other request on to it.
  if (options.feedNode) feed = await startFeedNode({ server, db, logger, ...options.feedNode, onPresenceChange: () => badges?.forget() });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  return {
    server,
    feed,
    async close() {
      for (const timer of forgetTimers) clearTimeout(timer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cutOff = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      cutOff.unref();
      await feed?.close(); // its sockets, and its adapter's database connections
      await closed;
      clearTimeout(cutOff);
      loopback.destroy();
      await app.close();
    },
  };
}

/** A browser's request for the board home document: a plain `/`, nothing for Next.js's router. */
export function isBoardHomeDocument(request: Pick<IncomingMessage, "method" | "url" | "headers">): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (request.url !== "/") return false;
  return !ROUTER_HEADERS.some((name) => name in request.headers) && !(COPY_REQUEST_HEADER in request.headers);
}

/** Asks this very server for `/`, marked so that Next.js answers: what Next.js sends is the copy. */
function fetchCopy(server: Server, agent: Agent, cookie: string | undefined, signal: AbortSignal): Promise<CopyAnswer> {
  const address = server.address() as AddressInfo;
  const host = address.address === "::" || address.address === "0.0.0.0" ? "127.0.0.1" : address.address;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { [COPY_REQUEST_HEADER]: "1", "accept-encoding": "identity" };
    if (cookie) headers.cookie = cookie;
    const asking = httpRequest({ host, port: address.port, path: "/", headers, agent, signal, timeout: COPY_DEADLINE_MS }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks) }));
      answer.on("error", reject);
    });
    asking.on("timeout", () => asking.destroy(new Error(`Next.js did not answer the board home within ${COPY_DEADLINE_MS} ms`)));
    asking.on("error", reject);
    asking.end();
  });
}

function headerText(value: number | string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(", ") : String(value);
}
