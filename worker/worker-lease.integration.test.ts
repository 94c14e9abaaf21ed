// The worker lease on a real SQLite database, with two workers' leases in one process. A lease whose
// renewals never run stands for a holder frozen (SIGSTOP) past its lease: once another has taken
// over, every write it fences is refused, whatever order its timers fire in after the thaw.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { enqueueCommand } from "@/lib/commands";
import { createLogger } from "@/lib/logger";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";
import { eventually } from "@/scripts/lib/test-stack";
import { CommandQueue } from "@/worker/command-queue";
import { commitPresence } from "@/worker/presence-store";
import { recordWorkerState } from "@/worker/worker-state";
import { LeaseLostError, WorkerLease, type LeaseHolder } from "@/worker/worker-lease";

const logger = createLogger("lease-test", "silent");
let database: TempDatabase;
let leaseDb: Db;
const leases: WorkerLease[] = [];

beforeAll(async () => {
  database = await createTempDatabase("narthex-lease");
  leaseDb = createDb(database.url);
});

afterEach(async () => {
  await Promise.all(leases.splice(0).map((lease) => lease.stop()));
  await database.db.workerLease.deleteMany();
  await database.db.command.deleteMany();
  await database.db.workerState.deleteMany();
});

afterAll(async () => {
  await leaseDb?.$disconnect();
  await database?.dispose();
});

/** A lease that renews only when told (`checkNow`): the holder is as good as frozen in between. */
function frozenLease(leaseMs: number): WorkerLease {
  const lease = new WorkerLease({ db: leaseDb, logger, leaseMs, renewMs: 3_600_000 });
  leases.push(lease);
  return lease;
}

function events(lease: WorkerLease) {
  const seen: string[] = [];
  lease.on("acquired", (from: LeaseHolder | null) => seen.push(`acquired from ${from?.holderId ?? "nobody"}`));
  lease.on("lost", (to: LeaseHolder | null) => seen.push(`lost to ${to?.holderId ?? "nobody"}`));
  lease.on("standingBy", (holder: LeaseHolder) => seen.push(`standing by for ${holder.holderId}`));
  return seen;
}

it("lets one worker hold the lease; another takes it only once it has lapsed, and the first learns it lost", async () => {
  const first = frozenLease(1_500);
  const second = frozenLease(1_500);
  const firstEvents = events(first);
  const secondEvents = events(second);
  await first.start();
  await second.start();
  expect([first.held, second.held]).toEqual([true, false]);
  expect(secondEvents).toEqual([`standing by for ${first.holderId}`]);
  await second.checkNow();
  expect(second.held, "taken before the lease lapsed").toBe(false);

  await sleep(1_600);
  await second.checkNow();
  expect(second.held).toBe(true);
  expect(secondEvents.at(-1)).toBe(`acquired from ${first.holderId}`);
  await first.checkNow(); // the frozen holder's first renewal after the thaw
  expect(first.held).toBe(false);
  expect(firstEvents).toEqual(["acquired from nobody", `lost to ${second.holderId}`]);
});

it("refuses every fenced write of a holder replaced while frozen: worker state, command claims, presence", async () => {
  const frozen = frozenLease(1_500);
  const standby = frozenLease(1_500);
  await frozen.start();
  await standby.start();
  const fence = frozen.fenced.bind(frozen);
  await recordWorkerState(database.db, fence, "online", null, new Date(1_000), null);
  await sleep(1_600);
  await standby.checkNow();
  expect(standby.held).toBe(true);

  // Thawed, before its own renewal has run: its heartbeat, its queue and its presence commits.
  await expect(recordWorkerState(database.db, fence, "conflict", "kicked", new Date(1_000), new Date())).rejects.toBeInstanceOf(LeaseLostError);
  expect(await database.db.workerState.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ xmppStatus: "online", detail: null });

  const away = { state: "away" as const, statusText: "stale", resourceCount: 1, priority: 0, idleSince: null };
  await expect(commitPresence(database.db, "amos@example.org", away, { now: new Date(), fence })).rejects.toBeInstanceOf(LeaseLostError);
  expect(await database.db.presence.count()).toBe(0);
  expect(await database.db.presenceEvent.count()).toBe(0);

  const command = await enqueueCommand(database.db, "presence.resync", {});
  const ran: string[] = [];
  const queueOf = (lease: WorkerLease, name: string) =>
    new CommandQueue({ db: database.db, logger, fence: lease.fenced.bind(lease), isReady: () => true, pollMs: 50, execute: async () => void ran.push(name) });
  const stale = queueOf(frozen, "frozen");
  stale.start();
  await sleep(300);
  await stale.stop();
  expect(ran).toEqual([]);
  expect(await database.db.command.findUniqueOrThrow({ where: { id: command.id } })).toMatchObject({ status: "pending", attempts: 0 });
  // The fenced write that was refused also told the frozen worker it lost (it then steps down).
  await sleep(50);
  expect(frozen.held).toBe(false);

  const live = queueOf(standby, "new holder");
  live.start();
  await eventually(async () => expect(await database.db.command.findUniqueOrThrow({ where: { id: command.id } })).toMatchObject({ status: "done", attempts: 1 }));
  await live.stop();
  expect(ran).toEqual(["new holder"]);
});

it("keeps writing while its lease has lapsed but nobody took it (a database locked longer than the lease)", async () => {
  const holder = frozenLease(200);
  await holder.start();
  await sleep(300);
  await recordWorkerState(database.db, holder.fenced.bind(holder), "online", null, new Date(2_000), null);
  expect(await database.db.workerState.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ xmppStatus: "online" });
  await holder.checkNow();
  expect(holder.held).toBe(true);
});
