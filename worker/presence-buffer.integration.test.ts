// The presence tracker's buffer against a real SQLite file locked by another process: changes heard
// meanwhile wait in order and are all stored once the lock is gone; past the buffer's bound a
// contact's newest change replaces its last waiting one, so memory stays bounded and the history,
// though coarser, still holds only states the contact really had, in order, ending on the current one.
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, beforeEach, expect, it } from "vitest";
import { xml } from "@xmpp/client";
import { createDb, type Db } from "@/lib/db/client";
import { parsePresenceStanza, type PresenceStanza } from "@/lib/presence/parse-presence-stanza";
import { startDatabaseLockHolder, type DatabaseLockHolder } from "@/scripts/lib/database-lock";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";
import { PresenceTracker } from "@/worker/presence-tracker";

const KIM = "kim@example.org";
let temp: TempDatabase;
let writer: Db;
let holder: DatabaseLockHolder;
let logLines: string[];
let tracker: PresenceTracker;

beforeEach(async () => {
  temp = await createTempDatabase("narthex-buffer");
  writer = createDb(temp.url, { busyTimeoutMs: 200 });
  holder = await startDatabaseLockHolder(temp.url);
  logLines = [];
  const logger = pino({ level: "info" }, new Writable({ write: (chunk, _encoding, done) => done(void logLines.push(String(chunk))) }));
  tracker = new PresenceTracker({ db: writer, logger, onChanges: async () => undefined, coalesceMs: 0, maxPending: 5, retryMs: 50 });
  tracker.beginSession([{ jid: KIM, name: null, groups: [], subscription: "both", pendingOut: false }]);
  tracker.settle();
  await tracker.flush();
});

afterEach(async () => {
  tracker?.stop();
  await holder?.stop();
  await writer?.$disconnect();
  await temp?.dispose();
});

function presence(status: string): Extract<PresenceStanza, { type: "available" }> {
  const parsed = parsePresenceStanza(xml("presence", { from: `${KIM}/phone`, to: "bot@example.org" }, xml("show", {}, "away"), xml("status", {}, status)));
  if (parsed.type !== "available") throw new Error(`not an available presence: ${parsed.type}`);
  return parsed;
}

const history = async () =>
  (await temp.db.presenceEvent.findMany({ where: { bareJid: KIM }, orderBy: { id: "asc" } })).map((row) => `${row.fromState}->${row.toState} ${row.statusText ?? ""}`.trim());

it("stores every change heard during the lock once it is gone, in order, and says so in the log", async () => {
  await holder.lock();
  for (const status of ["one", "two", "three"]) {
    tracker.handlePresence(presence(status));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // refused at least once
  expect(await history()).toEqual(["unknown->offline"]);
  await holder.release();
  await tracker.flush();
  expect(await history()).toEqual(["unknown->offline", "offline->away one", "away->away two", "away->away three"]);
  expect(logLines.join("")).toMatch(/the database refused a presence change; changes are kept in order/);
  expect(logLines.join("")).toMatch(/the database accepts presence changes again/);
});

it("past its bound keeps at most that many changes, the newest replacing the last waiting one, and ends on the current state", async () => {
  await holder.lock();
  for (let i = 1; i <= 20; i++) {
    tracker.handlePresence(presence(`s${i}`));
    expect(tracker.waiting).toBeLessThanOrEqual(5);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(logLines.join("")).toMatch(/presence buffer is full; a contact's newest change now replaces its last waiting one/);
  await holder.release();
  await tracker.flush();
  expect(await history()).toEqual(["unknown->offline", "offline->away s1", "away->away s2", "away->away s3", "away->away s4", "away->away s20"]);
  expect(await temp.db.presence.findUnique({ where: { bareJid: KIM } })).toMatchObject({ state: "away", statusText: "s20" });
});
