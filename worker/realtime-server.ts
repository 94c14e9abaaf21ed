// The worker's HTTP port: the socket.io feed (lib/realtime/feed-server.ts) and whatever else the
// worker answers there (the badges). On its own the worker serves every browser's feed; with
// NARTHEX_FEED_ADAPTER=postgresql it also hands each change to the web nodes (lib/realtime/feed-cluster.ts).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "@/lib/logger";
import type { MemberViewRead } from "@/lib/presence/load-member-views";
import { createFeedAdapter } from "@/lib/realtime/feed-cluster";
import { attachFeedServer, type FeedServer, type FeedServerOptions } from "@/lib/realtime/feed-server";

export type RealtimeServer = Omit<FeedServer, "publishUpdates"> & {
  port: number;
  /** Sends each member's view to each audience allowed to see it; others receive nothing at all. */
  publishUpdates(memberIds: readonly string[]): Promise<void>;
};

export async function startRealtimeServer(
  options: Omit<FeedServerOptions, "adapter"> & {
    /** The database whose PostgreSQL adapter joins the web nodes' feeds (NARTHEX_FEED_ADAPTER=postgresql). */
    clusterDatabaseUrl?: string;
    port: number;
    host: string;
    logger: Logger;
    /** The members' views (read together), the same for every audience, with the visibility that decides who gets each. */
    viewsFor: (memberIds: readonly string[]) => Promise<MemberViewRead[]>;
    /** Plain HTTP requests besides socket.io's (the badges); true when answered. */
    answerHttp?: (request: IncomingMessage, response: ServerResponse) => boolean;
  },
): Promise<RealtimeServer> {
  const { logger } = options;
  const http = createServer((request, response) => {
    if (options.answerHttp?.(request, response)) return;
    response.writeHead(404).end();
  });
  const cluster = options.clusterDatabaseUrl ? await createFeedAdapter(options.clusterDatabaseUrl, logger) : null;
  const feed = attachFeedServer(http, { ...options, adapter: cluster?.adapter });
  const close = async () => {
    await feed.close();
    await cluster?.close();
  };
  await new Promise<void>((resolve, reject) => {
    http.once("error", (error) => {
      // Nothing is listening: leave no timers or connections behind (the caller may try again).
      void close().finally(() => reject(error));
    });
    http.listen(options.port, options.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  logger.info({ port, host: options.host, clustered: cluster !== null }, "realtime feed listening");
  return {
    ...feed,
    port,
    close,
    publishUpdates: async (memberIds) => {
      if (memberIds.length === 0 || !feed.wantsUpdates()) return;
      feed.publishUpdates(await options.viewsFor(memberIds));
    },
  };
}
