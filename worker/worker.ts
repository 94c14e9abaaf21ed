// The Narthex worker: one XMPP session for the bot, presence tracking, the command queue and the
// realtime feed, wired together. `startWorker` is what worker/main.ts runs and what integration
// tests start in-process against a real Prosody. Several workers may run on one database: the one
// holding the worker lease (worker/worker-lease.ts) runs all of that; the others stand by, neither
// logging in nor serving the feed, and take over once the holder's lease lapses.
import { setTimeout as sleep } from "node:timers/promises";
import { xml, type Client } from "@xmpp/client";
import type { BackoffOptions } from "@/lib/backoff";
import type { LivenessOptions } from "@/lib/xmpp-liveness";
import type { Command } from "@/lib/commands";
import { createDb, SQLITE_BUSY_TIMEOUT_MS, type Db } from "@/lib/db/client";
import type { XmppStatus } from "@/lib/generated/prisma/enums";
import type { WorkerEnv } from "@/lib/env";
import { bareJid } from "@/lib/jid";
import type { Logger } from "@/lib/logger";
import { HEARTBEAT_INTERVAL_MS } from "@/lib/presence/member-presence";
import { parsePresenceStanza, type PresenceStanza } from "@/lib/presence/parse-presence-stanza";
import type { ConsoleChange, FeedStatus } from "@/lib/realtime/events";
import { presenceSnapshot } from "@/lib/realtime/presence-snapshot";
import { isTrustedRosterPush, parseRosterItem, type RosterItemUpdate } from "@/lib/roster/roster-item";
import { startBoardWatch } from "@/worker/board-watch";
import { createBotChat } from "@/worker/bot-chat";
import { CommandQueue, type CommandAttempt } from "@/worker/command-queue";
import { pruneStaleLinks } from "@/lib/jabber-links/prune-stale-links";
import { finishConfirmedLink, recordDeliveryFailure, sendLinkCode } from "@/worker/jabber-links";
import { loadMemberViewsOf, type MemberViewRead } from "@/lib/presence/load-member-views";
import type { Audience } from "@/lib/presence/visibility";
import { memberIdsForJids } from "@/worker/presence-store";
import { PresenceTracker } from "@/worker/presence-tracker";
import { createBadgeServer } from "@/lib/badges/badge-server";
import type { FeedConnectionLimits } from "@/lib/realtime/feed-connection-gate";
import { startRealtimeServer, type RealtimeServer } from "@/worker/realtime-server";
import { applyRosterUpdate, fetchRoster, mirrorRoster, removeRosterItem } from "@/worker/roster";
import { addContact, requestSubscription, updateContact } from "@/worker/roster-contacts";
import { lastFollowedUntil, recordWorkerState } from "@/worker/worker-state";
import { createBlocklist } from "@/worker/blocklist";
import { startHistoryRetention } from "@/worker/history-retention";
import { answerSubscribe, sendModeratorAnswer } from "@/worker/subscription-requests";
import { retryRefusedWrite } from "@/worker/retry-refused-write";
import { XmppSession } from "@/worker/xmpp-session";
import { DEFAULT_LEASE_MS, DEFAULT_LEASE_RENEW_MS, LeaseLostError, WorkerLease, type Fence } from "@/worker/worker-lease";

export type WorkerTuning = {
  /** After the server answered our post-presence ping, wait this long for stragglers. */
  settleMs: number;
  /** How long a subscribed contact may stay silent after settling before it is called offline. */
  probeGraceMs: number;
  /** How long a departure is held before it counts (see PresenceTracker). */
  offlineHoldMs: number;
  heartbeatMs: number;
  /** When a silent server is pinged (XEP-0199) and when it counts as gone (lib/xmpp-liveness.ts). */
  liveness?: LivenessOptions;
  commandPollMs: number;
  /** How often the database is read for a new visible post (the board's "new posts" notice). */
  boardPollMs: number;
  /** Flapping: at most one presence commit per contact this often (see PresenceTracker). */
  presenceCoalesceMs: number;
  /** Browsers are told presence is paused once a change has waited this long for the database. */
  databaseBehindMs: number;
  backoff?: BackoffOptions;
  /** Feed sockets per client address (lib/realtime/feed-connection-gate.ts). */
  feedConnections?: FeedConnectionLimits;
  /** The worker lease: how long it lasts unrenewed, and how often it is renewed or polled by a standby. */
  leaseMs: number;
  leaseRenewMs: number;
};

const PRUNE_LINKS_EVERY_MS = 60 * 60 * 1000;
const WRITE_BUSY_TIMEOUT_MS = 1_000;

/** A member's changes closer together than this are coalesced (worker/presence-tracker.ts). */
export const PRESENCE_COALESCE_MS = 250;

const DEFAULT_TUNING: WorkerTuning = { settleMs: 300, probeGraceMs: 5_000, offlineHoldMs: 1_000, heartbeatMs: HEARTBEAT_INTERVAL_MS, commandPollMs: 500, boardPollMs: 1_000, presenceCoalesceMs: PRESENCE_COALESCE_MS, databaseBehindMs: 2_000, leaseMs: DEFAULT_LEASE_MS, leaseRenewMs: DEFAULT_LEASE_RENEW_MS };

export type RunningWorker = {
  realtimePort: number;
  isLive(): boolean;
  /** Resolves once the XMPP session is up and the initial presence burst is committed. */
  whenLive(timeoutMs?: number): Promise<void>;
  flush(): Promise<void>;
  /** Presence stanzas heard from a roster contact since start (shows a flood really reached the worker). */
  presenceStanzasHeard(bareJid: string): number;
  stop(): Promise<void>;
};

const PAUSED_STARTING = "The presence service is starting.";
const PAUSED_DATABASE = "Presence changes are waiting for the board's database; the dots will catch up when it answers.";

type WorkerOptions = { env: WorkerEnv; db: Db; logger: Logger; tuning?: Partial<WorkerTuning> };

/**
 * Starts a worker: at once if no other worker holds a live lease, else it stands by (says so, for
 * whom, and polls every `leaseRenewMs`) and takes over once the holder's lease lapses. A holder that
 * finds another worker in the lease stops its session and stands by in turn.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { env, logger } = options;
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  // Its own client, so renewals never queue behind presence writes waiting out a lock.
  const leaseDb = createDb(env.DATABASE_URL, { busyTimeoutMs: WRITE_BUSY_TIMEOUT_MS });
  const lease = new WorkerLease({ db: leaseDb, logger, leaseMs: tuning.leaseMs, renewMs: tuning.leaseRenewMs });
  let holder: Holder | null = null;
  let stopping = false;
  let firstStart: { error: unknown } | null = null;
  let changes: Promise<void> = Promise.resolve();
  const change = (step: () => Promise<void>) => {
    changes = changes.then(step).catch((error: unknown) => logger.error({ err: error }, "worker lease change failed"));
  };

  lease.on("standingBy", (current) =>
    logger.info(
      { holder: current.holderName, leaseExpiresAt: current.expiresAt, leaseMs: lease.leaseMs, pollMs: lease.renewMs },
      `standing by: worker ${current.holderName} holds the bot's XMPP session; this worker will not log in unless that worker's lease lapses`,
    ),
  );
  lease.on("acquired", (from) =>
    change(async () => {
      if (stopping || holder) return;
      if (from) logger.warn({ previous: from.holderName }, `taking over the bot's XMPP session: the lease of worker ${from.holderName} has lapsed`);
      else logger.info("holding the worker lease; logging in to the XMPP server");
      try {
        // Taking over, the feed's port may still be held by the worker we replace (frozen, not dead).
        holder = await startHolder({ ...options, tuning, lease, waitForPort: from !== null });
      } catch (error) {
        if (!firstStart) firstStart = { error };
        logger.error({ err: error }, "could not start the worker's session; letting the lease go");
        await lease.release();
      }
    }),
  );
  lease.on("lost", (to) =>
    change(async () => {
      logger.warn({ holder: to?.holderName }, `worker ${to?.holderName ?? "(another)"} has taken over the bot's XMPP session; this worker stops its own and stands by`);
      const replaced = holder;
      holder = null;
      await replaced?.stop({ steppingDown: true });
    }),
  );
  await lease.start();
  await changes;
  if (firstStart && !holder) {
    await lease.stop();
    await leaseDb.$disconnect();
    throw (firstStart as { error: unknown }).error;
  }
  firstStart = { error: null }; // later start failures are logged, not thrown

  return {
    get realtimePort() {
      return holder?.realtimePort ?? env.NARTHEX_REALTIME_PORT;
    },
    isLive: () => holder?.isLive() ?? false,
    whenLive: async (timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!holder) {
        if (Date.now() > deadline) throw new Error(`worker not live after ${timeoutMs} ms: standing by for another worker`);
        await sleep(50);
      }
      await holder.whenLive(Math.max(1, deadline - Date.now()));
    },
    flush: async () => holder?.flush(),
    presenceStanzasHeard: (bare) => holder?.presenceStanzasHeard(bare) ?? 0,
    stop: async () => {
      stopping = true;
      await changes;
      await holder?.stop();
      holder = null;
      await lease.stop(); // lets the lease lapse at once: a standby takes over within one poll
      await leaseDb.$disconnect();
    },
  };
}

type Holder = Omit<RunningWorker, "stop"> & { stop(options?: { steppingDown?: boolean }): Promise<void> };

/** Everything the lease holder runs. Writes that matter go through `lease.fenced`. */
async function startHolder(options: WorkerOptions & { tuning: WorkerTuning; lease: WorkerLease; waitForPort: boolean }): Promise<Holder> {
  const { env, db, logger, tuning, lease } = options;
  const fence: Fence = (client, write) => lease.fenced(client, write);
  const botBare = bareJid(env.NARTHEX_BOT_JID);
  const startedAt = new Date();
  // Stored presence has not been followed live since then (profiles draw "unknown" from there).
  let xmppDownSince: Date | null = await lastFollowedUntil(db, startedAt);
  let status: FeedStatus = { live: false, reason: PAUSED_STARTING };
  let xmppStatus: XmppStatus = "connecting";
  let sessionId = 0;
  const liveWaiters = new Set<() => void>();
  let realtime: RealtimeServer | null = null;
  const badges = createBadgeServer({ db, logger, isLive: () => status.live });
  // Presence commits, the heartbeat, roster mirror writes and the queue's bookkeeping may meet
  // another process's write lock. On a client of their own they do not hold up the reads that answer
  // browsers and chat meanwhile (a Prisma client runs one query at a time); each of them tries again
  // by itself, so a short busy wait keeps any one from holding up the others for long.
  const writeDb = createDb(env.DATABASE_URL, { busyTimeoutMs: WRITE_BUSY_TIMEOUT_MS });

  const tracker = new PresenceTracker({
    db: writeDb,
    logger,
    offlineHoldMs: tuning.offlineHoldMs,
    probeGraceMs: tuning.probeGraceMs,
    coalesceMs: tuning.presenceCoalesceMs,
    fence,
    onChanges: async (stored) => {
      badges.forget();
      if (!status.live) return; // settling: the snapshot sent when we go live carries these
      consoleChanged("roster"); // the console's roster shows every contact's stored presence
      if (!realtime) return;
      // The batch's members and then their views, read together (a few queries, not a few per change).
      await realtime.publishUpdates(await memberIdsForJids(db, stored.map((entry) => entry.bareJid)));
    },
  });

  /** Moderators' open console pages read the part that changed again (they hear only its name). */
  function consoleChanged(topic: ConsoleChange["topic"]): void {
    realtime?.publishConsoleChange(topic);
  }

  async function setStatus(next: FeedStatus, nextXmppStatus: XmppStatus): Promise<void> {
    status = next;
    xmppStatus = nextXmppStatus;
    xmppDownSince = xmppStatus === "online" ? null : (xmppDownSince ?? new Date());
    await recordWorkerState(writeDb, fence, xmppStatus, next.reason, startedAt, xmppDownSince).catch((error: unknown) => {
      if (!(error instanceof LeaseLostError)) logger.warn({ err: error }, "could not record worker state");
    });
    badges.forget(); // a badge greys to "unknown" with the session, and comes back with it
    if (next.live && realtime) {
      // Going live resynchronises every browser; snapshot() greys it if the session dropped meanwhile.
      await realtime.resync(status);
    } else {
      realtime?.publishStatus(status);
    }
    if (next.live) for (const resolve of liveWaiters) resolve();
  }

  /** What a (re)connecting browser receives; `live` is read after the views, so it is never stale. */
  const snapshot = (audience: Audience) => presenceSnapshot(db, audience, () => status);

  /** Members' views with their visibility (the feed decides who receives each); those nobody may see are left out. */
  async function viewsFor(memberIds: readonly string[]): Promise<MemberViewRead[]> {
    return loadMemberViewsOf(db, status.live, memberIds);
  }

  const profileUrl = new URL("/profile", env.NARTHEX_WEB_ORIGIN[0] ?? "http://localhost:3000").href;
  const botChat = createBotChat({ db, logger, botBare, botDomain: env.NARTHEX_BOT_JID.domain, profileUrl, codeKey: env.NARTHEX_FEED_SECRET, isLive: () => status.live });

  const blocklist = createBlocklist({ db, logger, botBare, domain: env.NARTHEX_BOT_JID.domain, onChange: () => consoleChanged("blocks") });

  const session = new XmppSession({
    service: env.NARTHEX_XMPP_SERVICE,
    domain: env.NARTHEX_BOT_JID.domain,
    username: env.NARTHEX_BOT_JID.local ?? "",
    password: env.NARTHEX_BOT_PASSWORD,
    resource: env.NARTHEX_BOT_RESOURCE,
    backoff: tuning.backoff,
    liveness: tuning.liveness,
    logger,
    // Logging in while another worker holds the lease would kick its session (same resource).
    mayConnect: async () => {
      const mine = await lease.confirm();
      if (!mine) void lease.checkNow();
      return mine;
    },
    setup: (xmpp) => {
      xmpp.on("stanza", (stanza) => {
        if (!lease.held) return; // replaced: the new holder acts on what the server says now
        if (stanza.is("presence")) void onPresence(xmpp, parsePresenceStanza(stanza));
        if (stanza.is("message")) {
          botChat(xmpp, stanza).catch((error: unknown) => logger.error({ err: error }, "chat message handling failed"));
        }
      });
      xmpp.iqCallee.set("jabber:iq:roster", "query", (context) => {
        if (!isTrustedRosterPush(context.stanza.attrs.from as string | undefined, botBare)) {
          logger.warn({ from: context.stanza.attrs.from }, "ignored a roster push from a foreign address");
          return undefined; // answered with service-unavailable
        }
        const [item] = context.stanza.getChild("query", "jabber:iq:roster")?.getChildren("item") ?? [];
        const update = item ? parseRosterItem(item) : null;
        if (!update) return undefined;
        if (earlyPushes) earlyPushes.push(update); // replayed once the fetched roster is in place
        else applyRosterPush(update);
        return true; // RFC 6121 §2.1.6: acknowledge with an empty result
      });
      blocklist.handlePushes(xmpp);
    },
  });

  /** Roster pushes that arrive between binding and the roster result belong after it. */
  let earlyPushes: RosterItemUpdate[] | null = null;
  function applyRosterPush(update: RosterItemUpdate): void {
    tracker.handleRosterUpdate(update);
    rosterWrites = rosterWrites
      .then(() => retryRefusedWrite(() => applyRosterUpdate(writeDb, update), { logger, what: "a roster change" }))
      .then(() => consoleChanged("roster"))
      .catch((error: unknown) => logger.error({ err: error }, "roster mirror update failed"));
  }
  let rosterWrites: Promise<void> = Promise.resolve();

  async function onPresence(xmpp: Client, stanza: PresenceStanza): Promise<void> {
    try {
      switch (stanza.type) {
        case "ignored":
          logger.debug({ reason: stanza.reason }, "ignored presence");
          return;
        case "available":
        case "unavailable":
        case "error":
          if (stanza.bare === botBare) return; // our own other resources
          if (!tracker.handlePresence(stanza)) logger.debug({ from: stanza.bare }, "ignored presence from a JID not on the roster");
          // A bounced subscription request: a link still waiting for proof says why it failed.
          if (stanza.type === "error") await recordDeliveryFailure({ db, logger, botDomain: env.NARTHEX_BOT_JID.domain }, { jid: stanza.bare, condition: stanza.condition });
          return;
        case "subscribe":
          // Answering again is harmless (RFC 6121 §3.1.3), so a locked database only delays keeping it.
          await retryRefusedWrite(() => answerSubscribe({ db: writeDb, logger, xmpp }, stanza.bare), { logger, what: "a subscription request" });
          consoleChanged("requests");
          return;
        default:
          return; // subscribed/unsubscribe/unsubscribed: the server follows up with a roster push
      }
    } catch (error) {
      logger.error({ err: error }, "presence handling failed");
    }
  }

  const ping = (xmpp: Client) =>
    xmpp.iqCaller.request(xml("iq", { type: "get", to: env.NARTHEX_BOT_JID.domain }, xml("ping", { xmlns: "urn:xmpp:ping" })), 15_000);

  session.on("online", (xmpp) => {
    const id = ++sessionId;
    earlyPushes = [];
    void (async () => {
      await setStatus({ live: false, reason: "Connected to the XMPP server; loading the roster." }, "connecting");
      const roster = await fetchRoster(xmpp); // RFC 6121 §2.2: roster before initial presence
      // After any roster change of an earlier session still waiting for the database, never before:
      // the server's roster as fetched now is the truth.
      const mirrored = rosterWrites.then(() => mirrorRoster(db, roster));
      rosterWrites = mirrored.catch(() => undefined);
      await mirrored;
      consoleChanged("roster");
      if (id !== sessionId) return;
      tracker.beginSession(roster);
      const pushes = earlyPushes ?? [];
      earlyPushes = null;
      for (const update of pushes) applyRosterPush(update);
      await blocklist.sync(xmpp); // XEP-0191: before commands run, know whether blocking is offered
      await xmpp.send(xml("presence", {}, xml("status", {}, "Narthex presence bot")));
      // Stanzas on a stream are processed in order: once the ping is answered, the server has sent
      // the presences it had for our contacts (RFC 6121 §4.2.2); a short pause catches late ones.
      await ping(xmpp);
      await sleep(tuning.settleMs);
      if (id !== sessionId) return;
      // Rows of JIDs no longer on the roster are reconciled too (they become unknown).
      const stored = await db.presence.findMany({ select: { bareJid: true } });
      tracker.settle(stored.map((row) => row.bareJid));
      await tracker.flush({ deferred: false });
      if (id !== sessionId) return;
      await setStatus({ live: true, reason: null }, "online");
      queue.kick();
    })().catch((error: unknown) => {
      logger.error({ err: error }, "session start-up failed; reconnecting");
      // A session that never went live must not linger: drop it and let the backoff loop retry.
      if (id === sessionId) void xmpp.disconnect().catch(() => undefined);
    });
  });

  session.on("down", ({ reason, conflict }) => {
    sessionId++;
    earlyPushes = null;
    tracker.endSession();
    void setStatus({ live: false, reason }, conflict ? "conflict" : "offline");
    // Whoever took our resource may be a worker that took over the lease: then stand by at once.
    if (conflict) void lease.checkNow();
  });

  const queue = new CommandQueue({
    db: writeDb, // claiming and finishing commands may wait out a lock too
    logger,
    isReady: () => status.live && session.client !== null,
    pollMs: tuning.commandPollMs,
    fence,
    onChange: () => consoleChanged("commands"),
    execute: async (command: Command, attempt: CommandAttempt) => {
      const xmpp = session.client;
      if (!xmpp) throw new Error("not connected to the XMPP server");
      switch (command.kind) {
        case "roster.add":
          await addContact({ db, logger, xmpp }, command.payload, attempt);
          if (command.payload.preApprove) consoleChanged("requests"); // a kept request it answered is gone
          return;
        case "roster.update":
          await updateContact({ db, logger, xmpp }, command.payload, attempt);
          return;
        case "subscription.request":
          await requestSubscription({ db, logger, xmpp }, command.payload.jid);
          return;
        case "presence.resync":
          badges.forget();
          await realtime?.resync(status); // who may see whom changed: every audience gets its own snapshot
          return;
        case "roster.remove":
          try {
            await removeRosterItem(xmpp, command.payload.jid);
          } catch (error) {
            // Already gone (e.g. a re-run after a crash, RFC 6121 §2.5.3): the goal is reached.
            if ((error as { condition?: string }).condition !== "item-not-found") throw error;
          }
          return;
        case "jabber-link.send-code":
          await sendLinkCode({ db, logger, xmpp, profileUrl, codeKey: env.NARTHEX_FEED_SECRET }, command.payload.jid);
          return;
        case "jabber-link.confirmed":
          await finishConfirmedLink({ db, logger, xmpp, profileUrl, codeKey: env.NARTHEX_FEED_SECRET }, command.payload.jid);
          return;
        case "subscription.approve":
        case "subscription.deny":
          await sendModeratorAnswer({ db, xmpp }, command.payload.jid, command.kind === "subscription.approve");
          consoleChanged("requests");
          return;
        case "block.add":
          await blocklist.block(xmpp, command.payload.jid);
          return;
        case "block.remove":
          await blocklist.unblock(xmpp, command.payload.jid);
          return;
      }
    },
  });

  const boardWatch = startBoardWatch({ db, logger, pollMs: tuning.boardPollMs, onNewPost: (event) => realtime?.publishBoardPost(event) });
  let stopped = false;
  const listen = () => startRealtimeServer({
    port: env.NARTHEX_REALTIME_PORT,
    host: env.NARTHEX_REALTIME_HOST,
    origins: env.NARTHEX_WEB_ORIGIN,
    logger,
    db,
    feedSecret: env.NARTHEX_FEED_SECRET,
    snapshot,
    viewsFor,
    latestBoardPost: () => boardWatch.latest(),
    answerHttp: badges.answer,
    connectionLimits: tuning.feedConnections,
    clusterDatabaseUrl: env.NARTHEX_FEED_ADAPTER === "postgresql" ? env.DATABASE_URL : undefined,
  });
  const portHeld = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === "EADDRINUSE";
  realtime = await listen().catch(async (error: unknown) => {
    if (options.waitForPort && portHeld(error)) return null;
    await boardWatch.stop(); // nothing else is running yet
    await writeDb.$disconnect();
    throw error;
  });
  if (!realtime) {
    // The worker we took over from may be frozen with the port still open: log in and run the queue
    // now, and serve the feed as soon as it has stepped down (or died) and let the port go.
    logger.warn({ port: env.NARTHEX_REALTIME_PORT }, "the feed's port is still held (by the worker this one took over from?); serving the feed once it is free");
    void (async () => {
      while (!stopped && !realtime) {
        await sleep(500);
        if (stopped) return;
        const started = await listen().catch((error: unknown) => {
          if (!portHeld(error)) logger.error({ err: error }, "could not serve the feed");
          return null;
        });
        if (started && stopped) await started.close();
        else if (started) {
          realtime = started;
          await realtime.resync(status);
        }
      }
    })();
  }

  await setStatus({ live: false, reason: PAUSED_STARTING }, "connecting");
  // Links never confirmed within a week are unlinked (their JIDs leave the roster); hourly is plenty.
  const pruneLinks = () =>
    pruneStaleLinks(db)
      .then(({ pruned }) => {
        if (pruned.length > 0) logger.info({ count: pruned.length }, "unlinked Jabber IDs never confirmed");
      })
      .catch((error: unknown) => logger.warn({ err: error }, "could not prune unconfirmed links"));
  const maintenance = setInterval(() => void pruneLinks(), PRUNE_LINKS_EVERY_MS);
  void pruneLinks();
  const historyRetention = startHistoryRetention({ db, logger });
  // One beat at a time: under a locked database a beat waits out the busy timeout, and beats piling up
  // behind it would keep every other query of the worker waiting too. No beat while presence waits
  // for the database: the stored state is behind, so pages rendered on the server grey out too once
  // the last beat is stale, and a worker that dies meanwhile is not taken to have followed presence.
  let beating = false;
  const heartbeat = setInterval(() => {
    if (beating || status.reason === PAUSED_DATABASE) return;
    beating = true;
    recordWorkerState(writeDb, fence, xmppStatus, status.reason, startedAt, xmppDownSince)
      .catch((error: unknown) => {
        if (error instanceof LeaseLostError) return; // stepping down: the lease's "lost" handler says so
        logger.warn({ reason: error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error) }, "could not record the heartbeat; the database refused it");
      })
      .finally(() => {
        beating = false;
      });
  }, tuning.heartbeatMs);
  // Stored presence that lags behind what the worker heard is not live: while changes wait for the
  // database, browsers are told so in words and grey their dots (never a stale green); once it has
  // caught up they get a fresh snapshot. Pages rendered on the server go by the heartbeat (above).
  const databaseWatch = setInterval(() => {
    // Another worker holds the lease: this one is stepping down and tells browsers nothing more.
    if (tracker.leaseLost) return;
    const behindMs = tracker.behindMs();
    if (status.live && behindMs > tuning.databaseBehindMs) {
      logger.warn({ behindMs, waiting: tracker.waiting }, "presence paused for browsers: changes are waiting for the database");
      status = { live: false, reason: PAUSED_DATABASE };
      badges.forget();
      realtime?.publishStatus(status);
    } else if (status.reason === PAUSED_DATABASE && behindMs < Math.min(500, tuning.databaseBehindMs)) {
      logger.info({ waiting: tracker.waiting }, "presence live again: the database has caught up");
      void setStatus({ live: true, reason: null }, "online").then(() => queue.kick());
    }
  }, Math.min(250, tuning.databaseBehindMs));
  session.start();
  queue.start();

  return {
    get realtimePort() {
      return realtime?.port ?? env.NARTHEX_REALTIME_PORT;
    },
    isLive: () => status.live,
    whenLive: (timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        if (status.live) return resolve();
        const timer = setTimeout(() => {
          liveWaiters.delete(done);
          reject(new Error(`worker not live after ${timeoutMs} ms: ${status.reason ?? ""}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          liveWaiters.delete(done);
          resolve();
        };
        liveWaiters.add(done);
      }),
    flush: () => tracker.flush(),
    presenceStanzasHeard: (bareJid) => tracker.stanzasHeard(bareJid),
    stop: async ({ steppingDown = false } = {}) => {
      stopped = true;
      clearInterval(heartbeat);
      clearInterval(databaseWatch);
      clearInterval(maintenance);
      await historyRetention.stop();
      await boardWatch.stop();
      await queue.stop();
      sessionId++;
      tracker.endSession();
      await session.stop();
      // What was heard is stored if the database lets us, within its busy timeout; the rest is reported.
      // A worker stepping down stores nothing more: the new holder reads the server's presence afresh.
      if (!steppingDown) await tracker.flush({ timeoutMs: SQLITE_BUSY_TIMEOUT_MS });
      tracker.stop();
      status = { live: false, reason: "The presence service has stopped." };
      // Stepping down, the new holder speaks for the feed now: only this worker's own sockets hear it.
      realtime?.publishStatus(status, steppingDown ? "here" : "everywhere");
      await realtime?.close();
      // A worker stepping down leaves the row to the new holder (the fence would refuse it anyway).
      if (!steppingDown) await recordWorkerState(writeDb, fence, "stopped", status.reason, startedAt, xmppDownSince ?? new Date()).catch(() => undefined);
      await writeDb.$disconnect();
    },
  };
}
