// socket.io server the board's browsers connect to. A browser proves who its viewer is with a feed
// token from the board; each socket joins its audience's room and only ever receives what that
// audience may see. Every (re)connect gets a full snapshot, so a dropped socket resynchronises itself.
// A moderators' console socket (channel "console", moderators only) joins the console's room instead
// and hears which part of the console changed, never what.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import { hasRole } from "@/lib/auth/authorize";
import { loadViewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";
import type { Logger } from "@/lib/logger";
import type { MemberViewRead } from "@/lib/presence/load-member-views";
import type { MemberPresenceView } from "@/lib/presence/member-presence";
import { createFeedConnectionGate, type FeedConnectionLimits } from "@/worker/feed-connection-gate";
import { AUDIENCES, audienceOf, canViewPresence, type Audience } from "@/lib/presence/visibility";
import { verifyFeedToken } from "@/lib/realtime/feed-token";
import { clientAddress } from "@/lib/http/client-address";
import {
  FEED_BUSY,
  FEED_CHANNELS,
  FEED_REFUSED,
  REALTIME_EVENTS,
  type BoardPostEvent,
  type ConsoleChange,
  type FeedChannel,
  type FeedStatus,
  type PresenceSnapshot,
} from "@/lib/realtime/events";

export type RealtimeServer = {
  port: number;
  /** Sends the member's view to each audience allowed to see it; others receive nothing at all. */
  publishUpdate(memberId: string): Promise<void>;
  publishStatus(status: FeedStatus): void;
  /** Posts are public: every socket hears of a new one, whatever its audience. */
  publishBoardPost(event: BoardPostEvent): void;
  /** Tells moderators' console sockets which part of the console changed. */
  publishConsoleChange(topic: ConsoleChange["topic"]): void;
  /** Re-checks who every socket's viewer is, then sends each audience its own snapshot. */
  resync(): Promise<void>;
  close(): Promise<void>;
};

/** What a browser may send when connecting: no token (a visitor) or a feed token, and what for. */
const handshakeSchema = z.object({ token: z.string().min(1).max(4_096).optional(), channel: z.enum(FEED_CHANNELS).default("presence") });

type SocketData = { memberId: string | null; channel: FeedChannel; audience: Audience; tokenExpiresAt: Date | null };
type NoEvents = Record<string, never>;
type FeedEvents = {
  [REALTIME_EVENTS.snapshot]: (snapshot: PresenceSnapshot) => void;
  [REALTIME_EVENTS.update]: (view: MemberPresenceView) => void;
  [REALTIME_EVENTS.status]: (status: FeedStatus) => void;
  [REALTIME_EVENTS.reauthenticate]: () => void;
  [REALTIME_EVENTS.boardPost]: (event: BoardPostEvent) => void;
  [REALTIME_EVENTS.consoleChange]: (change: ConsoleChange) => void;
};
type FeedSocket = Socket<NoEvents, FeedEvents, NoEvents, SocketData>;

const roomOf = (audience: Audience) => `audience:${audience}`;
const CONSOLE_ROOM = "console";

export async function startRealtimeServer(options: {
  port: number;
  host: string;
  origins: string[];
  logger: Logger;
  db: Db;
  feedSecret: string;
  snapshot: (audience: Audience) => Promise<PresenceSnapshot>;
  /** The member's view, the same for every audience, with the visibility that decides who gets it. */
  viewFor: (memberId: string) => Promise<MemberViewRead | null>;
  /** The newest visible post's time, sent to each socket as it connects (it may have missed one). */
  latestBoardPost: () => BoardPostEvent | null;
  /** Plain HTTP requests besides socket.io's (the badges); true when answered. */
  answerHttp?: (request: IncomingMessage, response: ServerResponse) => boolean;
  connectionLimits?: FeedConnectionLimits;
}): Promise<RealtimeServer> {
  const { logger, db } = options;
  const http = createServer((request, response) => {
    if (options.answerHttp?.(request, response)) return;
    response.writeHead(404).end();
  });
  const io = new Server<NoEvents, FeedEvents, NoEvents, SocketData>(http, {
    cors: { origin: options.origins, methods: ["GET", "POST"] },
    serveClient: false,
    // Browsers never send us events; keep what they may send tiny.
    maxHttpBufferSize: 1_024,
  });

  /** Suspended and deleted members are visitors, as on the board's pages. */
  const standingOf = async (memberId: string | null) => {
    const viewer = await loadViewer(db, memberId);
    return { audience: audienceOf(viewer), moderator: hasRole(viewer, "moderator") };
  };

  const gate = createFeedConnectionGate(options.connectionLimits);
  const addressOf = (socket: Socket) => {
    const forwardedFor = socket.handshake.headers["x-forwarded-for"];
    return clientAddress(Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor, socket.handshake.address);
  };
  io.use((socket, next) => {
    gate.admit(addressOf(socket)).then(
      (admitted) => {
        if (admitted) return next();
        logger.warn({ address: addressOf(socket) }, "refused a feed socket: too many from one address");
        next(new Error(FEED_BUSY));
      },
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  });

  io.use((socket, next) => {
    const handshake = handshakeSchema.safeParse(socket.handshake.auth);
    if (!handshake.success) return next(new Error(FEED_REFUSED));
    void (async () => {
      let memberId: string | null = null;
      let tokenExpiresAt: Date | null = null;
      if (handshake.data.token) {
        const verified = await verifyFeedToken(options.feedSecret, handshake.data.token);
        if (!verified.ok) {
          logger.debug({ reason: verified.error }, "refused a feed token");
          return next(new Error(FEED_REFUSED));
        }
        memberId = verified.value.memberId;
        tokenExpiresAt = verified.value.expiresAt;
      }
      const { channel } = handshake.data;
      const standing = await standingOf(memberId);
      if (channel === "console" && !standing.moderator) {
        logger.debug({ memberId }, "refused a console socket to a non-moderator");
        return next(new Error(FEED_REFUSED));
      }
      socket.data = { memberId, channel, audience: standing.audience, tokenExpiresAt };
      next();
    })().catch((error: unknown) => {
      logger.error({ err: error }, "could not identify a feed viewer");
      next(new Error("the presence feed could not identify you"));
    });
  });

  io.on("connection", (socket) => {
    const { audience, channel, memberId, tokenExpiresAt } = socket.data;
    const address = addressOf(socket);
    gate.opened(address);
    socket.once("disconnect", () => gate.closed(address));
    // A member's socket proves again who is watching when its token runs out: a tab whose session
    // ended (signed out elsewhere) comes back as a visitor's, a demoted moderator's console is refused.
    if (memberId && tokenExpiresAt) {
      const expiry = setTimeout(() => {
        socket.emit(REALTIME_EVENTS.reauthenticate);
        socket.disconnect(true);
      }, Math.max(0, tokenExpiresAt.getTime() - Date.now()));
      socket.once("disconnect", () => clearTimeout(expiry));
    }
    if (channel === "console") {
      void socket.join(CONSOLE_ROOM);
      return;
    }
    void socket.join(roomOf(audience));
    const latestPost = options.latestBoardPost();
    if (latestPost) socket.emit(REALTIME_EVENTS.boardPost, latestPost);
    options
      .snapshot(audience)
      .then((snapshot) => socket.emit(REALTIME_EVENTS.snapshot, snapshot))
      .catch((error: unknown) => {
        logger.error({ err: error }, "snapshot for a new socket failed");
        socket.disconnect(true);
      });
  });

  /**
   * A viewer suspended (or promoted) since connecting moves to the audience they now belong to; a
   * console socket whose member is no longer a moderator is closed.
   */
  async function reassessViewers(): Promise<void> {
    const sockets: FeedSocket[] = [...io.of("/").sockets.values()];
    const memberIds = [...new Set(sockets.flatMap((socket) => socket.data.memberId ?? []))];
    const standings = new Map(await Promise.all(memberIds.map(async (id) => [id, await standingOf(id)] as const)));
    for (const socket of sockets) {
      const standing = socket.data.memberId ? standings.get(socket.data.memberId) : undefined;
      if (socket.data.channel === "console") {
        if (!standing?.moderator) socket.disconnect(true);
        continue;
      }
      const now = standing?.audience ?? "public";
      if (now === socket.data.audience) continue;
      await socket.leave(roomOf(socket.data.audience));
      socket.data.audience = now;
      await socket.join(roomOf(now));
    }
  }

  const hasSockets = (audience: Audience) => (io.of("/").adapter.rooms.get(roomOf(audience))?.size ?? 0) > 0;

  await new Promise<void>((resolve, reject) => {
    http.once("error", (error) => {
      void io.close(); // nothing is listening: leave no timers behind (the caller may try again)
      reject(error);
    });
    http.listen(options.port, options.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  logger.info({ port, host: options.host }, "realtime feed listening");
  return {
    port,
    publishUpdate: async (memberId) => {
      if (!AUDIENCES.some(hasSockets)) return;
      const read = await options.viewFor(memberId);
      if (!read) return;
      for (const audience of AUDIENCES) {
        if (hasSockets(audience) && canViewPresence(audience, read.visibility)) io.to(roomOf(audience)).emit(REALTIME_EVENTS.update, read.view);
      }
    },
    publishStatus: (status) => void io.emit(REALTIME_EVENTS.status, status),
    // Posts are public, but only the board's sockets show them.
    publishBoardPost: (event) => void io.except(CONSOLE_ROOM).emit(REALTIME_EVENTS.boardPost, event),
    publishConsoleChange: (topic) => void io.to(CONSOLE_ROOM).emit(REALTIME_EVENTS.consoleChange, { topic }),
    resync: async () => {
      await reassessViewers();
      for (const audience of AUDIENCES) {
        if (hasSockets(audience)) io.to(roomOf(audience)).emit(REALTIME_EVENTS.snapshot, await options.snapshot(audience));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        void io.close(() => resolve());
      }),
  };
}
