// The socket.io feed the board's browsers connect to, attached to an HTTP server: the worker's own
// (one process serves every browser) or each web node's (several nodes behind one address, joined by
// socket.io's PostgreSQL adapter: lib/realtime/feed-cluster.ts). A browser proves who its viewer is
// with a feed token from the board; each socket joins its audience's room and only ever receives what
// that audience may see. Every (re)connect gets a full snapshot, so a dropped socket resynchronises
// itself. A moderators' console socket (channel "console", moderators only) joins the console's room
// instead and hears which part of the console changed, never what.
//
// What the worker publishes goes to this node's sockets and, through the adapter, to every other
// node as a server-side event, which that node hands to its own sockets by the same rules. So a node
// knows the feed's status and reads views and snapshots itself; the adapter carries one small message
// per change, however many sockets there are.
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import { hasRole } from "@/lib/auth/authorize";
import { loadViewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";
import { clientAddress } from "@/lib/http/client-address";
import type { Logger } from "@/lib/logger";
import type { MemberViewRead } from "@/lib/presence/load-member-views";
import { memberPresenceViewSchema } from "@/lib/realtime/events";
import type { MemberPresenceView } from "@/lib/presence/member-presence";
import { PresenceVisibility } from "@/lib/generated/prisma/enums";
import { AUDIENCES, audienceOf, canViewPresence, type Audience } from "@/lib/presence/visibility";
import { createFeedConnectionGate, type FeedConnectionLimits } from "@/lib/realtime/feed-connection-gate";
import { verifyFeedToken } from "@/lib/realtime/feed-token";
import {
  boardPostEventSchema,
  consoleChangeSchema,
  FEED_BUSY,
  FEED_CHANNELS,
  FEED_REFUSED,
  feedStatusSchema,
  REALTIME_EVENTS,
  type BoardPostEvent,
  type ConsoleChange,
  type FeedChannel,
  type FeedStatus,
  type PresenceSnapshot,
} from "@/lib/realtime/events";

export type FeedServer = {
  /**
   * Sends each member's view to each audience allowed to see it, on every node (one message to the
   * other nodes for all of them); others receive nothing.
   */
  publishUpdates(reads: readonly MemberViewRead[]): void;
  /** Whether an update would reach anyone: false on a lone node without presence sockets. */
  wantsUpdates(): boolean;
  /** To every node's sockets, or ("here") to this node's only. */
  publishStatus(status: FeedStatus, scope?: "everywhere" | "here"): void;
  /** Posts are public: every board socket hears of a new one, whatever its audience. */
  publishBoardPost(event: BoardPostEvent): void;
  /** Tells moderators' console sockets which part of the console changed. */
  publishConsoleChange(topic: ConsoleChange["topic"]): void;
  /**
   * Every node (or, "here", this one) re-checks who its sockets' viewers are, then sends each audience
   * its own snapshot, with this status.
   */
  resync(status: FeedStatus, scope?: "everywhere" | "here"): Promise<void>;
  close(): Promise<void>;
};

/** What one node tells the others (socket.io server-side events through the adapter). */
export const PEER_EVENTS = {
  update: "narthex:presence-update",
  status: "narthex:feed-status",
  resync: "narthex:resync",
  boardPost: "narthex:board-post",
  consoleChange: "narthex:console-change",
} as const;

const memberViewReadsSchema = z.array(z.object({ view: memberPresenceViewSchema, visibility: z.enum(PresenceVisibility) })).max(10_000);

/** What a browser may send when connecting: no token (a visitor) or a feed token, and what for. */
const handshakeSchema = z.object({ token: z.string().min(1).max(4_096).optional(), channel: z.enum(FEED_CHANNELS).default("presence") });

type SocketData = { memberId: string | null; channel: FeedChannel; audience: Audience; tokenExpiresAt: Date | null };
type NoEvents = Record<string, never>;
type FeedEvents = {
  [REALTIME_EVENTS.snapshot]: (snapshot: PresenceSnapshot) => void;
  [REALTIME_EVENTS.updates]: (views: MemberPresenceView[]) => void;
  [REALTIME_EVENTS.status]: (status: FeedStatus) => void;
  [REALTIME_EVENTS.reauthenticate]: () => void;
  [REALTIME_EVENTS.boardPost]: (event: BoardPostEvent) => void;
  [REALTIME_EVENTS.consoleChange]: (change: ConsoleChange) => void;
};
type PeerEvents = {
  [PEER_EVENTS.update]: (reads: unknown) => void;
  [PEER_EVENTS.status]: (status: unknown) => void;
  [PEER_EVENTS.resync]: (status: unknown) => void;
  [PEER_EVENTS.boardPost]: (event: unknown) => void;
  [PEER_EVENTS.consoleChange]: (change: unknown) => void;
};
type FeedSocket = Socket<NoEvents, FeedEvents, PeerEvents, SocketData>;

const roomOf = (audience: Audience) => `audience:${audience}`;

/**
 * A frame to a room costs one write per socket in it (a system call each, about 10–20 µs of CPU here),
 * whatever it holds: docs/scaling.md. Up to this many writes a second a change goes out on its own at
 * once; beyond, a room's frames are spaced (by its size over this rate, at most MAX_UPDATE_SPACING_MS)
 * and each carries the latest view of every member changed meanwhile. A change after a quiet spell
 * never waits; a room of 100 sockets gets at most a frame every 10 ms, one of 500 or more every 50 ms.
 * The cap keeps a change's wait for its frame to half the fan-out budget (p99 under 100 ms, issue 8):
 * beyond 500 sockets in a room a node spends more CPU rather than making browsers wait longer.
 */
export const UPDATE_WRITES_PER_SECOND = 10_000;
export const MAX_UPDATE_SPACING_MS = 50;
const CONSOLE_ROOM = "console";

export type FeedServerOptions = {
  origins: string[];
  logger: Logger;
  db: Db;
  feedSecret: string;
  /** What a socket of this audience gets on connecting and on every resync. */
  snapshot: (audience: Audience) => Promise<PresenceSnapshot>;
  /** The newest visible post's time, sent to each socket as it connects (it may have missed one). */
  latestBoardPost: () => BoardPostEvent | null;
  connectionLimits?: FeedConnectionLimits;
  /** Writes a second before updates are batched (UPDATE_WRITES_PER_SECOND; tests lower it). */
  updateWritesPerSecond?: number;
  /** Joins the nodes behind one address (lib/realtime/feed-cluster.ts); none for a lone node. */
  adapter?: (namespace: unknown) => unknown;
  /** What this node hears from another (the worker), besides handing it to its sockets. */
  onPeerStatus?: (status: FeedStatus) => void;
  onPeerUpdate?: (reads: readonly MemberViewRead[]) => void;
  onPeerBoardPost?: (event: BoardPostEvent) => void;
};

export function attachFeedServer(http: HttpServer, options: FeedServerOptions): FeedServer {
  const { logger, db } = options;
  const clustered = options.adapter !== undefined;
  const io = new Server<NoEvents, FeedEvents, PeerEvents, SocketData>(http, {
    cors: { origin: options.origins, methods: ["GET", "POST"] },
    serveClient: false,
    // Browsers never send us events; keep what they may send tiny.
    maxHttpBufferSize: 1_024,
    // socket.io's own typing of adapters is a constructor of its in-memory Adapter class.
    ...(options.adapter ? { adapter: options.adapter as never } : {}),
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

  const roomSize = (audience: Audience) => io.of("/").adapter.rooms.get(roomOf(audience))?.size ?? 0;
  const hasSockets = (audience: Audience) => roomSize(audience) > 0;

  /** Per audience: views waiting for the room's next frame (the latest per member), and when the last left. */
  const outgoing = new Map<Audience, { views: Map<string, MemberPresenceView>; lastSentAt: number; timer: NodeJS.Timeout | null }>(
    AUDIENCES.map((audience) => [audience, { views: new Map(), lastSentAt: 0, timer: null }]),
  );
  const sendUpdates = (audience: Audience) => {
    const room = outgoing.get(audience);
    if (!room || room.views.size === 0) return;
    if (room.timer) clearTimeout(room.timer);
    room.timer = null;
    room.lastSentAt = performance.now();
    const views = [...room.views.values()];
    room.views.clear();
    io.local.to(roomOf(audience)).emit(REALTIME_EVENTS.updates, views);
  };
  const queueUpdate = (audience: Audience, view: MemberPresenceView) => {
    const room = outgoing.get(audience);
    if (!room) return;
    room.views.delete(view.memberId); // re-inserted last: a batch keeps the order members changed in
    room.views.set(view.memberId, view);
    if (room.timer) return;
    const spacing = Math.min(MAX_UPDATE_SPACING_MS, (roomSize(audience) * 1_000) / (options.updateWritesPerSecond ?? UPDATE_WRITES_PER_SECOND));
    const wait = room.lastSentAt + spacing - performance.now();
    if (wait <= 0) sendUpdates(audience);
    else room.timer = setTimeout(() => sendUpdates(audience), wait);
  };
  /** Whatever waits goes out before a status or snapshot, so a browser never sees them out of order. */
  const sendAllUpdates = () => AUDIENCES.forEach(sendUpdates);

  // What reaches this node's own sockets; the same whether the change was heard here or by a peer.
  const local = {
    update(read: MemberViewRead) {
      for (const audience of AUDIENCES) {
        if (hasSockets(audience) && canViewPresence(audience, read.visibility)) queueUpdate(audience, read.view);
      }
    },
    status: (status: FeedStatus) => {
      sendAllUpdates();
      io.local.emit(REALTIME_EVENTS.status, status);
    },
    // Posts are public, but only the board's sockets show them.
    boardPost: (event: BoardPostEvent) => void io.local.except(CONSOLE_ROOM).emit(REALTIME_EVENTS.boardPost, event),
    consoleChange: (topic: ConsoleChange["topic"]) => void io.local.to(CONSOLE_ROOM).emit(REALTIME_EVENTS.consoleChange, { topic }),
    async resync() {
      sendAllUpdates();
      await reassessViewers();
      for (const audience of AUDIENCES) {
        if (!hasSockets(audience)) continue;
        const snapshot = await options.snapshot(audience);
        // A view queued while the snapshot was read may be of a member this audience may no longer
        // see (hidden, unlinked, suspended since): the snapshot has the say.
        const room = outgoing.get(audience);
        const seen = new Set(snapshot.members.map((view) => view.memberId));
        for (const memberId of room?.views.keys() ?? []) if (!seen.has(memberId)) room?.views.delete(memberId);
        io.local.to(roomOf(audience)).emit(REALTIME_EVENTS.snapshot, snapshot);
      }
    },
  };

  if (clustered) {
    /** A peer's message is checked like any input: a malformed one is logged and dropped. */
    const heard = <T>(name: string, schema: z.ZodType<T>, act: (value: T) => void | Promise<void>) => (payload: unknown) => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return void logger.warn({ event: name }, "ignored a malformed message from another feed node");
      Promise.resolve(act(parsed.data)).catch((error: unknown) => logger.error({ err: error, event: name }, "could not pass on another node's message"));
    };
    io.on(
      PEER_EVENTS.update,
      heard(PEER_EVENTS.update, memberViewReadsSchema, (reads) => {
        options.onPeerUpdate?.(reads);
        for (const read of reads) local.update(read);
      }),
    );
    io.on(
      PEER_EVENTS.status,
      heard(PEER_EVENTS.status, feedStatusSchema, (status) => {
        options.onPeerStatus?.(status);
        local.status(status);
      }),
    );
    io.on(
      PEER_EVENTS.resync,
      heard(PEER_EVENTS.resync, feedStatusSchema, (status) => {
        options.onPeerStatus?.(status);
        return local.resync();
      }),
    );
    io.on(
      PEER_EVENTS.boardPost,
      heard(PEER_EVENTS.boardPost, boardPostEventSchema, (event) => {
        options.onPeerBoardPost?.(event);
        local.boardPost(event);
      }),
    );
    io.on(PEER_EVENTS.consoleChange, heard(PEER_EVENTS.consoleChange, consoleChangeSchema, ({ topic }) => local.consoleChange(topic)));
  }

  return {
    publishUpdates: (reads) => {
      if (reads.length === 0) return;
      for (const read of reads) local.update(read);
      if (clustered) io.serverSideEmit(PEER_EVENTS.update, reads);
    },
    wantsUpdates: () => clustered || AUDIENCES.some(hasSockets),
    publishStatus: (status, scope = "everywhere") => {
      local.status(status);
      if (clustered && scope === "everywhere") io.serverSideEmit(PEER_EVENTS.status, status);
    },
    publishBoardPost: (event) => {
      local.boardPost(event);
      if (clustered) io.serverSideEmit(PEER_EVENTS.boardPost, event);
    },
    publishConsoleChange: (topic) => {
      local.consoleChange(topic);
      if (clustered) io.serverSideEmit(PEER_EVENTS.consoleChange, { topic });
    },
    resync: async (status, scope = "everywhere") => {
      if (clustered && scope === "everywhere") io.serverSideEmit(PEER_EVENTS.resync, status);
      await local.resync();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const room of outgoing.values()) if (room.timer) clearTimeout(room.timer);
        void io.close(() => resolve());
      }),
  };
}
