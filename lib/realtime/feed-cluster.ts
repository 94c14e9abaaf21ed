// Several feed nodes behind one address (NARTHEX_FEED_ADAPTER=postgresql): every web node serves the
// socket.io feed on its own port beside the board, and the worker hands each change to all of them
// through socket.io's PostgreSQL adapter (LISTEN/NOTIFY on the board's own database; a message over
// NOTIFY's 8,000 bytes goes through the adapter's attachments table). A browser may reach any node:
// what it receives is decided there, by the same rules as on the worker (lib/realtime/feed-server.ts).
//
// A web node learns the feed's status from the worker's messages. A worker that dies says nothing,
// so the node also watches the worker lease and the heartbeat, and greys its browsers' dots as soon as
// the lease has lapsed; the standby worker that takes it over resynchronises every node when it is live.
import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import type { Db } from "@/lib/db/client";
import type { Logger } from "@/lib/logger";
import { findNewestVisiblePost } from "@/lib/board/find-newest-post";
import { feedStatusFromWorker } from "@/lib/presence/load-member-presence";
import type { BoardPostEvent, FeedStatus } from "@/lib/realtime/events";
import { attachFeedServer, type FeedServer } from "@/lib/realtime/feed-server";
import type { FeedConnectionLimits } from "@/lib/realtime/feed-connection-gate";
import { presenceSnapshot } from "@/lib/realtime/presence-snapshot";

/** Where the adapter keeps messages too large for NOTIFY (its own table, not one of the board's models). */
const ATTACHMENTS_TABLE = "socket_io_attachments";
/** How often a web node looks at the worker lease (it lapses 5 s after the worker's last renewal). */
const WORKER_WATCH_MS = 1_000;

export const PAUSED_WORKER_GONE = "The presence service stopped responding; a standby takes over within seconds.";

export type FeedAdapter = { adapter: (namespace: unknown) => unknown; close(): Promise<void> };

/** PostgreSQL's codes for "already exists", met when nodes create the attachments table at once. */
const ALREADY_EXISTS = new Set(["42P07", "23505"]);

/**
 * socket.io's PostgreSQL adapter on a pool of its own: one connection listens, one notifies (a single
 * one, so messages leave in the order they were published). The adapter reconnects a lost listening
 * connection by itself but says nothing, and what was notified meanwhile is gone: `onReconnected`
 * is called when a connection is made again after one was lost, so the caller can read afresh.
 */
export async function createFeedAdapter(databaseUrl: string, logger: Logger, { onReconnected }: { onReconnected?: () => void } = {}): Promise<FeedAdapter> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, idleTimeoutMillis: 0 });
  let lost = false;
  pool.on("error", (error) => logger.warn({ err: error }, "the feed adapter's idle database connection failed"));
  pool.on("connect", (client) => {
    if (lost) {
      lost = false;
      onReconnected?.();
    }
    // The adapter holds its listening connection checked out, where the pool does not listen for errors.
    client.on("error", (error) => logger.warn({ err: error }, "the feed adapter's database connection failed; it reconnects"));
    client.once("end", () => {
      lost = true;
      // …nor gives a dead one back: without this each loss would cost the pool a connection for good.
      try {
        (client as pg.PoolClient).release?.(true);
      } catch {
        // it was idle, or given back already
      }
    });
  });
  try {
    await pool.query(`CREATE TABLE IF NOT EXISTS ${ATTACHMENTS_TABLE} (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`);
  } catch (error) {
    if (!ALREADY_EXISTS.has((error as { code?: string }).code ?? "")) {
      await pool.end();
      throw error;
    }
  }
  const adapter = createAdapter(pool, {
    tableName: ATTACHMENTS_TABLE,
    errorHandler: (error) => logger.warn({ err: error }, "the feed adapter could not pass a message on"),
  });
  return {
    adapter,
    close: async () => {
      lost = false;
      await pool.end();
    },
  };
}

export type FeedNode = FeedServer & { status(): FeedStatus };

/** A web node's feed: attached to the web server, fed by the worker's messages through the adapter. */
export async function startFeedNode(options: {
  server: HttpServer;
  db: Db;
  databaseUrl: string;
  logger: Logger;
  feedSecret: string;
  origins: string[];
  connectionLimits?: FeedConnectionLimits;
  /** Presence or the feed's status changed (a kept badge is stale). */
  onPresenceChange?: () => void;
}): Promise<FeedNode> {
  const { db, logger } = options;
  let feed: FeedServer | null = null;
  /**
   * The status browsers are shown. `told`: it is the worker's own word, which the node keeps until
   * the database shows the worker gone. Otherwise it was read from the database (at start, after the
   * adapter lost messages, after the worker's lease lapsed) and the watch keeps reading it both ways,
   * so no message the node missed can leave it grey, or green, for good.
   */
  let status: FeedStatus;
  let told = false;
  const readAfresh = async (why: string) => {
    status = await currentWorkerStatus(db);
    told = false;
    options.onPresenceChange?.();
    logger.info({ why, live: status.live }, "feed status read from the database; browsers get a fresh snapshot");
    await feed?.resync(status, "here");
  };
  const feedAdapter = await createFeedAdapter(options.databaseUrl, logger, {
    // Give the adapter a moment to listen again on the new connection before reading.
    onReconnected: () => void setTimeout(() => void readAfresh("the adapter reconnected").catch((error: unknown) => logger.warn({ err: error }, "could not read the feed status")), 500),
  });
  try {
    status = await currentWorkerStatus(db);
    // Newer posts are the worker's to tell (it watches the board); this is for sockets opened before then.
    const newest = await findNewestVisiblePost(db);
    let latestPost: BoardPostEvent | null = newest ? { latestPostAt: newest.createdAt.toISOString() } : null;
    const attached = attachFeedServer(options.server, {
      origins: options.origins,
      logger,
      db,
      feedSecret: options.feedSecret,
      snapshot: (audience) => presenceSnapshot(db, audience, () => status),
      latestBoardPost: () => latestPost,
      connectionLimits: options.connectionLimits,
      adapter: feedAdapter.adapter,
      onPeerStatus: (next) => {
        status = next;
        told = true;
        options.onPresenceChange?.();
      },
      onPeerUpdate: () => options.onPresenceChange?.(),
      onPeerBoardPost: (event) => {
        latestPost = event;
      },
    });
    feed = attached;

    let watching = false;
    const watch = setInterval(() => {
      if (watching) return;
      watching = true;
      currentWorkerStatus(db)
        .then(async (now) => {
          if (status.live && !now.live) {
            // A worker that dies says nothing: grey at once. Every node watches the same lease.
            logger.warn({ reason: now.reason }, "the worker is gone; presence paused for this node's browsers");
            status = now;
            told = false;
            options.onPresenceChange?.();
            attached.publishStatus(now, "here");
          } else if (!told && (now.live !== status.live || now.reason !== status.reason)) {
            status = now;
            options.onPresenceChange?.();
            if (now.live) await attached.resync(now, "here");
            else attached.publishStatus(now, "here");
          }
        })
        .catch((error: unknown) => logger.warn({ err: error }, "could not look at the worker's state"))
        .finally(() => {
          watching = false;
        });
    }, WORKER_WATCH_MS);

    return {
      ...attached,
      status: () => status,
      close: async () => {
        clearInterval(watch);
        await attached.close();
        await feedAdapter.close();
      },
    };
  } catch (error) {
    await feed?.close();
    await feedAdapter.close();
    throw error;
  }
}

/**
 * The feed's status as the database tells it: the worker's row, and whether its lease still holds,
 * both judged by the database's clock (nodes and workers may run on other machines).
 */
async function currentWorkerStatus(db: Db): Promise<FeedStatus> {
  const [worker, lease, clock] = await Promise.all([
    db.workerState.findUnique({ where: { id: 1 }, select: { xmppStatus: true, detail: true, heartbeatAt: true } }),
    db.workerLease.findUnique({ where: { id: 1 }, select: { expiresAt: true } }),
    db.$queryRaw<Array<{ now: Date }>>`SELECT now() AS now`,
  ]);
  const now = clock[0]?.now ?? new Date();
  const fromRow = feedStatusFromWorker(worker, now);
  if (fromRow.live && (!lease || lease.expiresAt.getTime() < now.getTime())) return { live: false, reason: PAUSED_WORKER_GONE };
  return fromRow;
}
