// socket.io server the board's browsers connect to. Every (re)connecting client gets a full
// snapshot, so a dropped socket resynchronises by itself; then updates and feed status follow.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import type { Logger } from "@/lib/logger";
import type { MemberPresenceView } from "@/lib/presence/member-presence";
import { REALTIME_EVENTS, type FeedStatus, type PresenceSnapshot } from "@/lib/realtime/events";

export type RealtimeServer = {
  port: number;
  publishUpdate(view: MemberPresenceView): void;
  publishStatus(status: FeedStatus): void;
  publishSnapshot(snapshot: PresenceSnapshot): void;
  close(): Promise<void>;
};

export async function startRealtimeServer(options: {
  port: number;
  host: string;
  origins: string[];
  logger: Logger;
  snapshot: () => Promise<PresenceSnapshot>;
}): Promise<RealtimeServer> {
  const { logger } = options;
  const http = createServer((_request, response) => {
    response.writeHead(404).end();
  });
  const io = new Server(http, {
    cors: { origin: options.origins, methods: ["GET", "POST"] },
    serveClient: false,
    // Browsers never send us events; keep what they may send tiny.
    maxHttpBufferSize: 1_024,
  });
  io.on("connection", (socket) => {
    options
      .snapshot()
      .then((snapshot) => socket.emit(REALTIME_EVENTS.snapshot, snapshot))
      .catch((error: unknown) => {
        logger.error({ err: error }, "snapshot for a new socket failed");
        socket.disconnect(true);
      });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  logger.info({ port, host: options.host }, "realtime feed listening");
  return {
    port,
    publishUpdate: (view) => void io.emit(REALTIME_EVENTS.update, view),
    publishStatus: (status) => void io.emit(REALTIME_EVENTS.status, status),
    publishSnapshot: (snapshot) => void io.emit(REALTIME_EVENTS.snapshot, snapshot),
    close: () =>
      new Promise<void>((resolve) => {
        void io.close(() => resolve());
      }),
  };
}
