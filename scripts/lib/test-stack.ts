// The whole presence path on loopback, for integration tests and the benchmark: a private Prosody,
// a fresh SQLite database with the committed migrations, the worker (in-process) and helpers to
// add members, log their XMPP clients in and watch the socket.io feed as a browser would.
import { io, type Socket } from "socket.io-client";
import type { Db } from "@/lib/db/client";
import type { PresenceVisibility } from "@/lib/generated/prisma/enums";
import { loadEnv, workerEnvSchema, type WorkerEnv } from "@/lib/env";
import { attachJabberId } from "@/lib/jabber-links/attach-jabber-id";
import { createLogger } from "@/lib/logger";
import { createMember } from "@/lib/members/create-member";
import type { MemberPresenceView } from "@/lib/presence/member-presence";
import { REALTIME_EVENTS, type ConsoleChange, type FeedChannel, type FeedStatus, type PresenceSnapshot } from "@/lib/realtime/events";
import { signFeedToken } from "@/lib/realtime/feed-token";
import { BOT_USER } from "@/scripts/lib/local-stack";
import { startPrivateProsody, type PrivateProsody, type PrivateProsodyOptions } from "@/scripts/lib/private-prosody";
import { createTempDatabase } from "@/scripts/lib/temp-database";
import { connectMemberClient, type MemberClient, type MemberClientOptions } from "@/scripts/lib/xmpp-test-client";
import { startWorker, type RunningWorker, type WorkerTuning } from "@/worker/worker";

export { BOT_USER } from "@/scripts/lib/local-stack";
export const BOT_PASSWORD = "bot-password-for-tests";
export const TEST_FEED_SECRET = "feed-secret-for-tests-0123456789abcdef";
const MEMBER_PASSWORD = "member-password-for-tests";

export const FAST_TUNING: Partial<WorkerTuning> = {
  settleMs: 100,
  probeGraceMs: 1_000,
  offlineHoldMs: 500,
  heartbeatMs: 1_000,
  commandPollMs: 100,
  backoff: { baseMs: 200, maxMs: 1_000 },
};

export type FeedEvent =
  | { type: "snapshot"; snapshot: PresenceSnapshot }
  | { type: "update"; view: MemberPresenceView }
  | { type: "status"; status: FeedStatus }
  | { type: "console"; change: ConsoleChange };

/** A socket.io client of the realtime feed that records what a browser would receive. */
export type FeedClient = {
  socket: Socket;
  events: FeedEvent[];
  /**
   * Resolves with the first event matching `predicate` among those recorded from index `after` on
   * (take `events.length` before acting to see only what the action caused).
   */
  waitFor(predicate: (event: FeedEvent) => boolean, options?: { after?: number; timeoutMs?: number }): Promise<FeedEvent>;
  close(): void;
};

export type TestStack = {
  prosody: PrivateProsody;
  db: Db;
  env: WorkerEnv;
  worker: RunningWorker;
  botJid: string;
  /**
   * Creates an XMPP account and a member whose JID is attached (as the operator CLI does), with the
   * member's default presence visibility ("members") unless told otherwise.
   */
  addMember(handle: string, displayName?: string, options?: { visibility?: PresenceVisibility }): Promise<{ memberId: string; jid: string }>;
  /** Creates a member without a Jabber ID: someone who only looks at the board. */
  addViewer(handle: string): Promise<{ memberId: string }>;
  /** Logs a member's client in; it approves the bot's subscription request. */
  connect(handle: string, resource?: string, options?: Partial<MemberClientOptions>): Promise<MemberClient>;
  /**
   * Opens the feed as a browser would: as a visitor, as the member `viewerMemberId` (a token signed
   * with the worker's secret, as the board's /api/feed-token does) or with the given `token`.
   * Resolves at the first snapshot (a console socket, `channel: "console"`: once connected); rejects
   * with the server's words when it refuses the connection.
   */
  feed(options?: { viewerMemberId?: string; token?: string; channel?: FeedChannel }): Promise<FeedClient>;
  startWorker(): Promise<RunningWorker>;
  stopWorker(): Promise<void>;
  /** Waits until the attached JID's subscription is mutual enough for presence to flow. */
  waitForSubscription(jid: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

export async function startTestStack(
  options: { tuning?: Partial<WorkerTuning>; logLevel?: string; prosody?: Pick<PrivateProsodyOptions, "withoutModules"> } = {},
): Promise<TestStack> {
  const prosody = await startPrivateProsody(options.prosody);
  await prosody.register(BOT_USER, BOT_PASSWORD);
  const database = await createTempDatabase("narthex-db");
  const { url, db } = database;
  const env: WorkerEnv = {
    ...loadEnv(workerEnvSchema, {
      DATABASE_URL: url,
      NARTHEX_XMPP_SERVICE: prosody.service,
      NARTHEX_BOT_JID: `${BOT_USER}@${prosody.domain}`,
      NARTHEX_BOT_PASSWORD: BOT_PASSWORD,
      NARTHEX_REALTIME_PORT: "1",
      NARTHEX_FEED_SECRET: TEST_FEED_SECRET,
    }),
    NARTHEX_REALTIME_PORT: 0,
  };
  const logger = createLogger("worker", options.logLevel ?? process.env.NARTHEX_TEST_LOG_LEVEL ?? "error");
  const clients: MemberClient[] = [];
  const feeds: FeedClient[] = [];
  let worker: RunningWorker | null = null;

  const stack: TestStack = {
    prosody,
    db,
    env,
    botJid: `${BOT_USER}@${prosody.domain}`,
    get worker() {
      if (!worker) throw new Error("the worker is not running");
      return worker;
    },
    async startWorker() {
      worker = await startWorker({ env, db, logger, tuning: { ...FAST_TUNING, ...options.tuning } });
      await worker.whenLive();
      return worker;
    },
    async stopWorker() {
      await worker?.stop();
      worker = null;
    },
    async addMember(handle, displayName = handle, { visibility } = {}) {
      await prosody.register(handle, MEMBER_PASSWORD);
      const member = await createMember(db, { handle, displayName });
      if (!member.ok) throw new Error(member.error);
      if (visibility) await db.member.update({ where: { id: member.value.id }, data: { presenceVisibility: visibility } });
      const link = await attachJabberId(db, { handle, jid: `${handle}@${prosody.domain}` });
      if (!link.ok) throw new Error(link.error);
      return { memberId: member.value.id, jid: link.value.jid };
    },
    async addViewer(handle) {
      const member = await createMember(db, { handle, displayName: handle });
      if (!member.ok) throw new Error(member.error);
      return { memberId: member.value.id };
    },
    async connect(handle, resource = "desktop", clientOptions = {}) {
      const client = await connectMemberClient({
        service: prosody.service,
        domain: prosody.domain,
        username: handle,
        password: MEMBER_PASSWORD,
        resource,
        autoApproveFrom: [stack.botJid],
        ...clientOptions,
      });
      clients.push(client);
      return client;
    },
    async feed({ viewerMemberId, token, channel = "presence" } = {}) {
      // Like the browser, a fresh token for every (re)connect.
      const auth = async (): Promise<{ token?: string; channel: FeedChannel }> => {
        if (token !== undefined) return { token, channel };
        if (viewerMemberId) return { token: await signFeedToken(TEST_FEED_SECRET, { kind: "member", id: viewerMemberId }), channel };
        return { channel };
      };
      const socket = io(`http://127.0.0.1:${stack.worker.realtimePort}`, {
        transports: ["websocket"],
        reconnectionDelay: 100,
        auth: (send) => void auth().then(send),
      });
      const events: FeedEvent[] = [];
      const waiters = new Set<{ predicate: (e: FeedEvent) => boolean; resolve: (e: FeedEvent) => void }>();
      const record = (event: FeedEvent) => {
        events.push(event);
        for (const waiter of waiters) if (waiter.predicate(event)) waiter.resolve(event);
      };
      socket.on(REALTIME_EVENTS.snapshot, (snapshot: PresenceSnapshot) => record({ type: "snapshot", snapshot }));
      // A batch of updates is recorded as the updates it holds, in order.
      socket.on(REALTIME_EVENTS.updates, (views: MemberPresenceView[]) => {
        for (const view of views) record({ type: "update", view });
      });
      socket.on(REALTIME_EVENTS.status, (status: FeedStatus) => record({ type: "status", status }));
      socket.on(REALTIME_EVENTS.consoleChange, (change: ConsoleChange) => record({ type: "console", change }));
      const feed: FeedClient = {
        socket,
        events,
        waitFor(predicate, { after = 0, timeoutMs = 5_000 } = {}) {
          const past = events.slice(after).find(predicate);
          if (past) return Promise.resolve(past);
          return new Promise((resolve, reject) => {
            const waiter = {
              predicate,
              resolve: (event: FeedEvent) => {
                clearTimeout(timer);
                waiters.delete(waiter);
                resolve(event);
              },
            };
            const timer = setTimeout(() => {
              waiters.delete(waiter);
              reject(new Error(`no matching feed event within ${timeoutMs} ms; got ${JSON.stringify(events.slice(-5))}`));
            }, timeoutMs);
            waiters.add(waiter);
          });
        },
        close: () => void socket.close(),
      };
      feeds.push(feed);
      // The server refusing the handshake is final (socket.io does not retry it): report its words.
      const refused = new Promise<never>((_resolve, reject) => {
        socket.on("connect_error", (error) => {
          if (!socket.active) reject(new Error(`feed refused the connection: ${error.message}`));
        });
      });
      refused.catch(() => undefined); // a refusal after the first snapshot is not this call's business
      const ready =
        channel === "console"
          ? new Promise<void>((resolve) => (socket.connected ? resolve() : socket.once("connect", () => resolve())))
          : feed.waitFor((event) => event.type === "snapshot");
      await Promise.race([ready, refused]);
      return feed;
    },
    async waitForSubscription(jid, timeoutMs = 10_000) {
      await eventually(async () => {
        const item = await db.rosterItem.findUnique({ where: { jid } });
        if (item?.subscription !== "to" && item?.subscription !== "both") throw new Error(`${jid} subscription is ${item?.subscription ?? "absent"}`);
      }, timeoutMs);
    },
    async stop() {
      for (const feed of feeds) feed.close();
      await Promise.all(clients.map((client) => client.stop()));
      await stack.stopWorker();
      await prosody.stop();
      await database.dispose();
    },
  };
  return stack;
}

/** Retries `check` until it stops throwing, or rethrows its last error after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 5_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
