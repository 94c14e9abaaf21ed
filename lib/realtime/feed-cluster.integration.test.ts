// Feed nodes joined through socket.io's PostgreSQL adapter (NARTHEX_FEED_ADAPTER=postgresql), on a
// real PostgreSQL: what the worker's feed publishes reaches browsers on every node by the same rules
// as its own (an audience gets only what it may see); a node greys its browsers once the worker's
// lease lapses, though the worker never said so; a malformed message from the database is dropped.
// The SQLite pass checks that the configuration refuses the adapter without PostgreSQL.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createMember } from "@/lib/members/create-member";
import { EnvError, loadEnv, webEnvSchema, workerEnvSchema } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import type { MemberPresenceView } from "@/lib/presence/member-presence";
import { REALTIME_EVENTS, type FeedStatus, type PresenceSnapshot } from "@/lib/realtime/events";
import { createFeedAdapter, PAUSED_WORKER_GONE, startFeedNode, type FeedAdapter, type FeedNode } from "@/lib/realtime/feed-cluster";
import { attachFeedServer, PEER_EVENTS, type FeedServer } from "@/lib/realtime/feed-server";
import { signFeedToken } from "@/lib/realtime/feed-token";
import { createTempDatabase, testDialect, type TempDatabase } from "@/scripts/lib/temp-database";

const SECRET = "feed-cluster-test-secret-0123456789abcdef";
const logger = createLogger("feed-cluster-test", "error");

describe("the feed adapter's configuration", () => {
  const base = { NARTHEX_FEED_SECRET: SECRET, NARTHEX_FEED_ADAPTER: "postgresql" };
  it("is refused on SQLite, naming the variable", () => {
    expect(() => loadEnv(webEnvSchema, { ...base, AUTH_SECRET: SECRET, DATABASE_URL: "file:.data/x.db" })).toThrow(EnvError);
    expect(() => loadEnv(webEnvSchema, { ...base, AUTH_SECRET: SECRET, DATABASE_URL: "file:.data/x.db" })).toThrow(/NARTHEX_FEED_ADAPTER is postgresql, so DATABASE_URL must be a PostgreSQL URL/);
    const worker = { ...base, DATABASE_URL: "file:.data/x.db", NARTHEX_XMPP_SERVICE: "xmpp://127.0.0.1:5222", NARTHEX_BOT_JID: "bot@example.org", NARTHEX_BOT_PASSWORD: "x", NARTHEX_REALTIME_PORT: "3001" };
    expect(() => loadEnv(workerEnvSchema, worker)).toThrow(/NARTHEX_FEED_ADAPTER/);
    expect(loadEnv(workerEnvSchema, { ...worker, DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/narthex" }).NARTHEX_FEED_ADAPTER).toBe("postgresql");
    expect(loadEnv(webEnvSchema, { NARTHEX_FEED_SECRET: SECRET, AUTH_SECRET: SECRET }).NARTHEX_FEED_ADAPTER).toBe("none");
  });
});

if (testDialect() === "postgresql") {
  describe("feed nodes joined through PostgreSQL", () => {
    let database: TempDatabase;
    const servers: HttpServer[] = [];
    const sockets: Socket[] = [];
    let origin: FeedServer; // the worker's feed: it publishes
    let originAdapter: FeedAdapter;
    let nodes: FeedNode[];
    let publicMemberId: string;
    let membersOnlyId: string;
    const live: FeedStatus = { live: true, reason: null };

    const listening = async () => {
      const http = createServer();
      servers.push(http);
      await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
      return http;
    };
    const urlOf = (http: HttpServer) => `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

    type Received = { updates: MemberPresenceView[]; statuses: FeedStatus[]; snapshots: PresenceSnapshot[] };
    async function browser(http: HttpServer, viewerMemberId?: string): Promise<Received> {
      const token = viewerMemberId ? await signFeedToken(SECRET, { kind: "member", id: viewerMemberId }) : undefined;
      const socket = connect(urlOf(http), { transports: ["websocket"], auth: token ? { token } : {}, reconnection: false });
      sockets.push(socket);
      const received: Received = { updates: [], statuses: [], snapshots: [] };
      socket.on(REALTIME_EVENTS.updates, (views: MemberPresenceView[]) => received.updates.push(...views));
      socket.on(REALTIME_EVENTS.status, (status: FeedStatus) => received.statuses.push(status));
      socket.on(REALTIME_EVENTS.snapshot, (snapshot: PresenceSnapshot) => received.snapshots.push(snapshot));
      await expect.poll(() => received.snapshots.length, { timeout: 5_000 }).toBeGreaterThan(0);
      return received;
    }

    const view = (memberId: string, statusText: string): MemberPresenceView => ({
      memberId,
      state: "away",
      statusText,
      since: new Date().toISOString(),
      idleSince: null,
      lastSeenAt: null,
      chatUri: null,
    });

    async function recordWorker(leaseExpiresAt: Date): Promise<void> {
      const now = new Date();
      await database.db.workerState.upsert({
        where: { id: 1 },
        create: { id: 1, xmppStatus: "online", heartbeatAt: now, startedAt: now },
        update: { xmppStatus: "online", heartbeatAt: now },
      });
      const lease = { holderId: "test-worker", holderName: "test", expiresAt: leaseExpiresAt, acquiredAt: now };
      await database.db.workerLease.upsert({ where: { id: 1 }, create: { id: 1, ...lease }, update: lease });
    }

    beforeAll(async () => {
      database = await createTempDatabase("feed_cluster");
      const db = database.db;
      const pub = await createMember(db, { handle: "pia", displayName: "Pia", presenceVisibility: "public" });
      const mem = await createMember(db, { handle: "mo", displayName: "Mo", presenceVisibility: "members" });
      if (!pub.ok || !mem.ok) throw new Error("members not created");
      publicMemberId = pub.value.id;
      membersOnlyId = mem.value.id;
      await recordWorker(new Date(Date.now() + 60_000));
      originAdapter = await createFeedAdapter(database.url, logger);
      origin = attachFeedServer(await listening(), {
        origins: [],
        logger,
        db,
        feedSecret: SECRET,
        snapshot: async () => ({ status: live, members: [] }),
        latestBoardPost: () => null,
        adapter: originAdapter.adapter,
      });
      nodes = [];
      for (let i = 0; i < 2; i++) {
        nodes.push(await startFeedNode({ server: await listening(), db, databaseUrl: database.url, logger, feedSecret: SECRET, origins: [] }));
      }
    });

    afterAll(async () => {
      for (const socket of sockets) socket.close();
      for (const node of nodes ?? []) await node.close();
      await origin?.close();
      await originAdapter?.close();
      await database?.dispose();
    });

    it("hands the worker's changes to browsers on every node, each audience only what it may see", async () => {
      const [first, second] = [servers[1]!, servers[2]!];
      const visitorOnFirst = await browser(first);
      const memberOnSecond = await browser(second, publicMemberId);
      const visitorOnSecond = await browser(second);
      expect(nodes.map((node) => node.status())).toEqual([live, live]);

      origin.publishUpdates([{ view: view(publicMemberId, "Choir practice"), visibility: "public" }]);
      origin.publishUpdates([{ view: view(membersOnlyId, "Members only"), visibility: "members" }]);
      origin.publishUpdates([{ view: view(publicMemberId, "Hidden now"), visibility: "hidden" }]);
      // Messages leave in order: once this last one is in, anything wrongly sent before it would be too.
      origin.publishUpdates([{ view: view(publicMemberId, "Last"), visibility: "public" }]);
      await expect.poll(() => memberOnSecond.updates.map((update) => update.statusText), { timeout: 5_000 }).toEqual(["Choir practice", "Members only", "Last"]);
      await expect.poll(() => visitorOnFirst.updates.map((update) => update.statusText), { timeout: 5_000 }).toEqual(["Choir practice", "Last"]);
      await expect.poll(() => visitorOnSecond.updates.map((update) => update.statusText), { timeout: 5_000 }).toEqual(["Choir practice", "Last"]);

      // A resync carries the worker's status; every node's browsers get a snapshot with it.
      const paused: FeedStatus = { live: false, reason: "The presence service is connecting." };
      await origin.resync(paused);
      await expect.poll(() => visitorOnFirst.snapshots.at(-1)?.status, { timeout: 5_000 }).toEqual(paused);
      await expect.poll(() => memberOnSecond.snapshots.at(-1)?.status, { timeout: 5_000 }).toEqual(paused);
      expect(nodes.map((node) => node.status())).toEqual([paused, paused]);
      await origin.resync(live);
      await expect.poll(() => nodes.map((node) => node.status()), { timeout: 5_000 }).toEqual([live, live]);
    });

    it("drops a malformed message from the database and goes on", async () => {
      const received = await browser(servers[1]!);
      const rogue = await createFeedAdapter(database.url, logger);
      const raw = new Server({ adapter: rogue.adapter as never });
      const warned = vi.spyOn(logger, "warn");
      try {
        raw.serverSideEmit(PEER_EVENTS.update, { view: { memberId: publicMemberId, state: "online<script>" }, visibility: "public" });
        raw.serverSideEmit(PEER_EVENTS.status, "live");
        origin.publishUpdates([{ view: view(publicMemberId, "After the noise"), visibility: "public" }]);
        await expect.poll(() => received.updates.map((update) => update.statusText), { timeout: 5_000 }).toEqual(["After the noise"]);
        expect(received.statuses).toEqual([]);
        // Both reached every other node (the two web nodes and the worker's feed), and each dropped them.
        await expect.poll(() => warned.mock.calls.filter(([, message]) => message === "ignored a malformed message from another feed node").length, { timeout: 5_000 }).toBe(6);
      } finally {
        warned.mockRestore();
        // No HTTP server to close: its adapter lets the listening connection go, then the pool ends.
        await raw.of("/").adapter.close();
        await rogue.close();
      }
    });

    it("greys a node's browsers once the worker's lease lapses, though the worker said nothing", async () => {
      await recordWorker(new Date(Date.now() + 1_500));
      await origin.resync(live); // as the worker says when it goes live
      await expect.poll(() => nodes[1]!.status(), { timeout: 5_000 }).toEqual(live);
      const received = await browser(servers[2]!);
      expect(received.snapshots[0]?.status).toEqual(live);
      await expect.poll(() => received.statuses.at(-1), { timeout: 5_000 }).toEqual({ live: false, reason: PAUSED_WORKER_GONE });
      expect(nodes[1]!.status().live).toBe(false);

      // The worker was only late (its renewal held up, no standby): the node goes live again by itself.
      const greySnapshots = received.snapshots.length;
      await recordWorker(new Date(Date.now() + 60_000));
      await expect.poll(() => received.snapshots.slice(greySnapshots).at(-1)?.status, { timeout: 5_000 }).toEqual(live);
      expect(nodes[1]!.status()).toEqual(live);
    });

    it("reads afresh after the adapter's listening connection is lost, and goes on hearing the worker", async () => {
      const received = await browser(servers[1]!);
      const snapshotsBefore = received.snapshots.length;
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        const ended = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");
        expect(ended.rowCount).toBeGreaterThanOrEqual(3); // the worker's and both nodes'
      } finally {
        await admin.end();
      }
      // Whatever was published meanwhile is lost; the node sends its browsers a fresh snapshot instead.
      await expect.poll(() => received.snapshots.length, { timeout: 8_000 }).toBeGreaterThan(snapshotsBefore);
      let sent = 0;
      await expect
        .poll(
          () => {
            origin.publishUpdates([{ view: view(publicMemberId, `again ${++sent}`), visibility: "public" }]);
            return received.updates.some((update) => update.statusText?.startsWith("again "));
          },
          { timeout: 8_000, interval: 250 },
        )
        .toBe(true);
    });
  });
}
