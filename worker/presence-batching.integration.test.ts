// The presence tracker stores changes of many contacts heard together in a few transactions, against a
// real database: every change is stored and handed on for the feed, each contact's in order, with far
// fewer transactions than changes; and a change the database cannot store (a trigger standing in for a
// broken row) in such a batch is held back alone while everyone else's are stored; once another
// worker holds the lease, nothing more is stored and no change is blamed; and on PostgreSQL, a
// server out of reach delays every change without blaming any.
import { createServer, connect, type AddressInfo, type Server, type Socket } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, beforeEach, expect, it } from "vitest";
import { xml } from "@xmpp/client";
import { parsePresenceStanza, type PresenceStanza } from "@/lib/presence/parse-presence-stanza";
import { createCountingDb, type CountingDb } from "@/scripts/lib/counting-db";
import { refuseWrites } from "@/scripts/lib/refuse-writes";
import { createDb } from "@/lib/db/client";
import { createTempDatabase, testDialect, type TempDatabase } from "@/scripts/lib/temp-database";
import { eventually } from "@/scripts/lib/test-stack";
import { PresenceTracker, type StoredChange, type TrackerOptions } from "@/worker/presence-tracker";
import { WorkerLease } from "@/worker/worker-lease";

const CONTACTS = Array.from({ length: 40 }, (_, i) => `c${String(i).padStart(2, "0")}@example.org`);
const STATUSES = ["one", "two", "three"];

let temp: TempDatabase;
let counting: CountingDb;
let logLines: string[];
let pushed: StoredChange[][];
let tracker: PresenceTracker;

beforeEach(async () => {
  temp = await createTempDatabase("narthex-batching");
  counting = createCountingDb(temp.url);
  logLines = [];
  pushed = [];
  await startTracker();
  counting.reset();
});

afterEach(async () => {
  tracker?.stop();
  await counting?.dispose();
  await temp?.dispose();
});

/** Lines go to logLines, whichever array it holds when they are written. */
const trackerLogger = () => pino({ level: "info" }, new Writable({ write: (chunk, _encoding, done) => done(void logLines.push(String(chunk))) }));

/**
 * Replaces the tracker with one on the test database (or `options.db`) that has settled a session with
 * every contact, then forgets what that wrote and logged: each test starts from the settled state.
 */
async function startTracker(options: Partial<TrackerOptions> = {}): Promise<void> {
  tracker?.stop();
  tracker = new PresenceTracker({ db: counting.db, logger: trackerLogger(), onChanges: async (changes) => void pushed.push(changes), coalesceMs: 0, retryMs: 50, ...options });
  tracker.beginSession(CONTACTS.map((jid) => ({ jid, name: null, groups: [], subscription: "both" as const, pendingOut: false })));
  tracker.settle();
  await tracker.flush();
  pushed = [];
  logLines = [];
}

function presence(jid: string, status: string): Extract<PresenceStanza, { type: "available" }> {
  const parsed = parsePresenceStanza(xml("presence", { from: `${jid}/phone`, to: "bot@example.org" }, xml("show", {}, "away"), xml("status", {}, status)));
  if (parsed.type !== "available") throw new Error(`not an available presence: ${parsed.type}`);
  return parsed;
}

const historyOf = async (jid: string) =>
  (await temp.db.presenceEvent.findMany({ where: { bareJid: jid }, orderBy: { id: "asc" } })).map((row) => `${row.fromState}->${row.toState} ${row.statusText ?? ""}`.trim());

/** One read of the presence rows per transaction (commitPresences). */
const transactions = () => counting.queries().filter((query) => /^SELECT .* FROM [`"]\w+[`"]\.[`"]Presence[`"] WHERE/.test(query)).length;

it("stores many contacts' changes heard together in a few transactions, each contact's in order, and hands them all on", async () => {
  for (const status of STATUSES) for (const jid of CONTACTS) tracker.handlePresence(presence(jid, status));
  await tracker.flush();

  for (const jid of CONTACTS) {
    expect(await historyOf(jid)).toEqual(["unknown->offline", "offline->away one", "away->away two", "away->away three"]);
  }
  const changes = CONTACTS.length * STATUSES.length;
  expect(transactions()).toBeGreaterThan(0);
  expect(transactions()).toBeLessThanOrEqual(STATUSES.length + 1); // one per round of changes (and the first, alone)
  // And a transaction's statements do not grow with its changes (no statement per row).
  expect(counting.queries().length).toBeLessThan(changes / 2);
  // Handed on after each commit, every change once, each contact's in the order heard.
  expect(pushed.length).toBe(transactions());
  const flat = pushed.flat();
  expect(flat).toHaveLength(changes);
  for (const jid of CONTACTS) {
    expect(flat.filter((entry) => entry.bareJid === jid).map((entry) => entry.change.next.statusText)).toEqual(STATUSES);
  }
});

it("holds back alone a change the database cannot store and stores everyone else's in batches", async () => {
  const broken = CONTACTS[7]!;
  await refuseWrites(temp.db, "Presence", { message: "this row cannot be stored", events: ["INSERT", "UPDATE"], where: { column: "bareJid", equals: broken } });
  for (const jid of CONTACTS) tracker.handlePresence(presence(jid, "here"));
  await tracker.flush({ timeoutMs: 3_000 }); // the broken one stays waiting

  for (const jid of CONTACTS.filter((jid) => jid !== broken)) {
    expect(await historyOf(jid)).toEqual(["unknown->offline", "offline->away here"]);
  }
  expect(await historyOf(broken)).toEqual(["unknown->offline"]);
  expect(tracker.waiting).toBe(1);
  // Held back alone, it does not count as the database being behind (browsers are not paused).
  expect(tracker.behindMs()).toBe(0);
  const failures = logLines.filter((line) => line.includes("a presence change could not be stored"));
  expect(failures.length).toBeGreaterThan(0);
  for (const line of failures) expect(line).toContain(broken);
  expect(logLines.join("")).toMatch(/a batch of presence changes could not be stored; storing them one at a time/);
  expect(pushed.flat().map((entry) => entry.bareJid).sort()).toEqual(CONTACTS.filter((jid) => jid !== broken));

  // The others' next changes go on in batches, without the broken one.
  counting.reset();
  for (const jid of CONTACTS) if (jid !== broken) tracker.handlePresence(presence(jid, "later"));
  await eventually(async () => expect(await historyOf(CONTACTS[0]!)).toEqual(["unknown->offline", "offline->away here", "away->away later"]));
  await eventually(async () => expect(await historyOf(CONTACTS.at(-1)!)).toEqual(["unknown->offline", "offline->away here", "away->away later"]));
  expect(transactions()).toBeLessThan(CONTACTS.length / 4);
});

it("stores nothing more and blames no change once another worker has taken the lease", async () => {
  const lease = new WorkerLease({ db: temp.db, logger: pino({ level: "silent" }) });
  try {
    await lease.start();
    expect(lease.held).toBe(true);
    let fencedCommits = 0;
    let takeOverAtCommit = Infinity;
    await startTracker({
      async fence(db, write) {
        // A standby takes the lease just before this commit (this worker was frozen past it, say).
        if (++fencedCommits === takeOverAtCommit) await temp.db.workerLease.update({ where: { id: 1 }, data: { holderId: "the-standby", holderName: "standby" } });
        return lease.fenced(db, write);
      },
    });

    // The first contact's change is stored alone; the other 39, heard meanwhile, go in one batch,
    // and the standby has taken over just before it.
    takeOverAtCommit = fencedCommits + 2;
    for (const jid of CONTACTS) tracker.handlePresence(presence(jid, "heard"));
    await eventually(() => expect(logLines.join("")).toMatch(/another worker holds the lease/));
    await eventually(() => expect(lease.held).toBe(false)); // the lease reports the loss: the worker steps down
    // Changes heard after the loss, before the worker has stopped the tracker, start no transaction.
    for (const jid of CONTACTS) tracker.handlePresence(presence(jid, "later"));
    await tracker.flush({ timeoutMs: 300 });

    expect(fencedCommits).toBe(takeOverAtCommit);
    const lossLines = logLines.filter((line) => line.includes("another worker holds the lease"));
    expect(lossLines).toHaveLength(1);
    expect(lossLines[0]).toContain(`"waiting":${CONTACTS.length - 1}`);
    expect(logLines.join("")).not.toMatch(/could not be stored/);
    // Not behind: this worker must not tell browsers that presence waits for the database.
    expect(tracker.behindMs()).toBe(0);
    expect(pushed.flat().map((entry) => entry.bareJid)).toEqual([CONTACTS[0]]);
    expect(await historyOf(CONTACTS[0]!)).toEqual(["unknown->offline", "offline->away heard"]);
    for (const jid of CONTACTS.slice(1)) expect(await historyOf(jid)).toEqual(["unknown->offline"]);
  } finally {
    await lease.stop();
  }
});

if (testDialect() === "postgresql") {
  it("keeps every change while the PostgreSQL server is out of reach, blames none, tells the board it is behind, and stores them all in order when it is back", async () => {
    // The tracker reaches the server through a loopback relay that the test cuts: open connections
    // are dropped and new ones refused, as when the server restarts or the network fails.
    const server = new URL(temp.url);
    const relay = await startRelay(server.hostname, Number(server.port || 5432));
    const relayed = new URL(temp.url);
    relayed.hostname = "127.0.0.1";
    relayed.port = String(relay.port);
    const db = createDb(relayed.toString());
    let cutAtNextCommit = false;
    await startTracker({
      db,
      // No lease here: the commit's own transaction, cut once on request just before its COMMIT.
      fence: (client, write) =>
        client.$transaction(async (tx) => {
          const written = await write(tx);
          if (cutAtNextCommit) {
            cutAtNextCommit = false;
            await relay.cut();
          }
          return written;
        }),
    });
    try {
      await relay.cut();
      for (const jid of CONTACTS) tracker.handlePresence(presence(jid, "while cut off"));
      await eventually(() => expect(logLines.join("")).toMatch(/the database refused a presence change/));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(tracker.waiting).toBe(CONTACTS.length);
      // Behind, so browsers are told that presence waits for the database (never held back as broken).
      expect(tracker.behindMs()).toBeGreaterThanOrEqual(900);
      for (const jid of CONTACTS) tracker.handlePresence(presence(jid, "still cut off"));

      await relay.restore();
      await tracker.flush({ timeoutMs: 10_000 });
      expect(tracker.waiting).toBe(0);
      for (const jid of CONTACTS) {
        expect(await historyOf(jid)).toEqual(["unknown->offline", "offline->away while cut off", "away->away still cut off"]);
      }
      expect(pushed.flat()).toHaveLength(CONTACTS.length * 2);
      expect(logLines.join("")).not.toMatch(/could not be stored/);
      expect(logLines.join("")).toMatch(/the database accepts presence changes again/);

      // Cut at a commit's COMMIT: its statements ran, and the COMMIT fails on the dropped connection
      // (Prisma passes that error on as the adapter's own).
      logLines = [];
      pushed = [];
      cutAtNextCommit = true;
      for (const jid of CONTACTS) tracker.handlePresence(presence(jid, "cut mid-commit"));
      await eventually(() => expect(logLines.join("")).toMatch(/the database refused a presence change/));
      expect(cutAtNextCommit).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(tracker.behindMs()).toBeGreaterThanOrEqual(400);
      await relay.restore();
      await tracker.flush({ timeoutMs: 10_000 });
      for (const jid of CONTACTS) expect((await historyOf(jid)).at(-1)).toBe("away->away cut mid-commit");
      expect(pushed.flat()).toHaveLength(CONTACTS.length);
      expect(logLines.join("")).not.toMatch(/could not be stored/);
    } finally {
      tracker.stop();
      await db.$disconnect().catch(() => {});
      await relay.close();
    }
  });
}

/** A TCP relay on loopback to the server that can be cut (connections dropped, new ones refused) and restored on the same port. */
async function startRelay(targetHost: string, targetPort: number) {
  const open = new Set<Socket>();
  const listen = async (port: number) => {
    const server = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      for (const socket of [client, upstream]) {
        open.add(socket);
        socket.on("error", () => {});
        socket.on("close", () => void open.delete(socket));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    return server;
  };
  let server: Server | null = await listen(0);
  const port = (server.address() as AddressInfo).port;
  const cut = async () => {
    const closed = server ? new Promise((resolve) => server?.close(resolve)) : null;
    server = null;
    for (const socket of open) socket.destroy();
    await closed;
  };
  return {
    port,
    cut,
    async restore() {
      server ??= await listen(port);
    },
    close: cut,
  };
}
