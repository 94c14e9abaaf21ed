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

/** socket.io's PostgreSQL adapter on a small pool of its own (one connection listens, one notifies). */
export async function createFeedAdapter(databaseUrl: string, logger: Logger): Promise<FeedAdapter> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  pool.on("error", (error) => logger.warn({ err: error }, "the feed adapter's database connection failed; it reconnects"));
  await pool.query(`CREATE TABLE IF NOT EXISTS ${ATTACHMENTS_TABLE} (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`);
  const adapter = createAdapter(pool, {
    tableName: ATTACHMENTS_TABLE,
    errorHandler: (error) => logger.warn({ err: error }, "the feed adapter could not pass a message on"),
  });
  return {
    adapter,
    close: () => pool.end(),
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
  const feedAdapter = await createFeedAdapter(options.databaseUrl, logger);
  let status = await currentWorkerStatus(db);
  // Newer posts are the worker's to tell (it watches the board); this is for sockets opened before then.
  const newest = await findNewestVisiblePost(db);
  let latestPost: BoardPostEvent | null = newest ? { latestPostAt: newest.createdAt.toISOString() } : null;
  const feed = attachFeedServer(options.server, {
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
      options.onPresenceChange?.();
    },
    onPeerUpdate: () => options.onPresenceChange?.(),
    onPeerBoardPost: (event) => {
      latestPost = event;
    },
  });

  // Grey at once when the worker is gone; coming back is the worker's to say (it resyncs every node).
  let watching = false;
  const watch = setInterval(() => {
    if (watching || !status.live) return;
    watching = true;
    currentWorkerStatus(db)
      .then((now) => {
        if (now.live || !status.live) return;
        logger.warn({ reason: now.reason }, "the worker is gone; presence paused for this node's browsers");
        status = now;
        options.onPresenceChange?.();
        feed.publishStatus(now, "here"); // every node watches the same lease
      })
      .catch((error: unknown) => logger.warn({ err: error }, "could not look at the worker's state"))
      .finally(() => {
        watching = false;
      });
  }, WORKER_WATCH_MS);

  return {
    ...feed,
    status: () => status,
    close: async () => {
      clearInterval(watch);
      await feed.close();
      await feedAdapter.close();
    },
  };
}

/** The feed's status as the database tells it: the worker's row, and whether its lease still holds. */
async function currentWorkerStatus(db: Db, now = new Date()): Promise<FeedStatus> {
  const [worker, lease] = await Promise.all([
    db.workerState.findUnique({ where: { id: 1 }, select: { xmppStatus: true, detail: true, heartbeatAt: true } }),
    db.workerLease.findUnique({ where: { id: 1 }, select: { expiresAt: true } }),
  ]);
  const fromRow = feedStatusFromWorker(worker, now);
  if (fromRow.live && (!lease || lease.expiresAt.getTime() < now.getTime())) return { live: false, reason: PAUSED_WORKER_GONE };
  return fromRow;
}
