// The worker's history clean-up on a real SQLite database: rows older than the retention setting go
// (90 days by default, then whatever an administrator chose), newer rows stay, a batch at a time;
// the job runs at start and on its interval, says in the log how many rows it removed, and stops cleanly.
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HISTORY_RETENTION_KEY } from "@/lib/presence-history/history-retention";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";
import { pruneHistory, startHistoryRetention } from "@/worker/history-retention";

let temp: TempDatabase;
const now = new Date("2026-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600_000);

async function seed(ages: number[]): Promise<void> {
  await temp.db.presenceEvent.createMany({
    data: ages.map((age, index) => ({ bareJid: `m${index % 3}@example.org`, fromState: "offline", toState: "available", resourceCount: 1, occurredAt: daysAgo(age) })),
  });
}

const agesLeft = async () =>
  (await temp.db.presenceEvent.findMany({ orderBy: { occurredAt: "desc" }, select: { occurredAt: true } })).map((row) => Math.round((now.getTime() - row.occurredAt.getTime()) / (24 * 3600_000)));

beforeEach(async () => {
  temp = await createTempDatabase("history-retention");
});

afterEach(async () => {
  await temp?.dispose();
});

describe("pruneHistory", () => {
  it("keeps 90 days by default, then what the setting says, and removes nothing twice", async () => {
    await seed([1, 6, 8, 30, 89, 91, 120, 400]);
    expect(await pruneHistory(temp.db, { now })).toEqual({ removed: 3, days: 90 });
    expect(await agesLeft()).toEqual([1, 6, 8, 30, 89]);
    await temp.db.setting.create({ data: { key: HISTORY_RETENTION_KEY, value: "7" } });
    expect(await pruneHistory(temp.db, { now })).toEqual({ removed: 3, days: 7 });
    expect(await agesLeft()).toEqual([1, 6]);
    expect(await pruneHistory(temp.db, { now })).toEqual({ removed: 0, days: 7 });
  });

  it("removes a long history in bounded batches until none is left over", async () => {
    await seed([...Array.from({ length: 23 }, (_, index) => 100 + index), 2, 3]);
    expect(await pruneHistory(temp.db, { now, batchSize: 5 })).toEqual({ removed: 23, days: 90 });
    expect(await agesLeft()).toEqual([2, 3]);
  });

  it("stops between batches when asked, leaving the rest for the next run", async () => {
    await seed(Array.from({ length: 12 }, (_, index) => 100 + index));
    const stopping = new AbortController();
    stopping.abort();
    expect(await pruneHistory(temp.db, { now, batchSize: 5, signal: stopping.signal })).toEqual({ removed: 0, days: 90 });
    expect(await temp.db.presenceEvent.count()).toBe(12);
    expect(await pruneHistory(temp.db, { now, batchSize: 5 })).toEqual({ removed: 12, days: 90 });
  });
});

describe("startHistoryRetention", () => {
  it("cleans up at start and on every tick, logging how many rows it removed, and stops", async () => {
    const lines: Array<{ msg: string; removed?: number; days?: number }> = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) });
    const old = new Date(Date.now() - 200 * 24 * 3600_000);
    const event = (occurredAt: Date) => ({ bareJid: "ann@example.org", fromState: "offline" as const, toState: "away" as const, resourceCount: 1, occurredAt });
    await temp.db.presenceEvent.createMany({ data: [event(old), event(old), event(new Date())] });

    const job = startHistoryRetention({ db: temp.db, logger, everyMs: 50 });
    try {
      await expect.poll(() => temp.db.presenceEvent.count()).toBe(1);
      expect(lines).toContainEqual(expect.objectContaining({ msg: "removed presence history older than the retention setting", removed: 2, days: 90 }));
      await temp.db.presenceEvent.create({ data: event(old) }); // a row older than the cutoff, arriving late
      await expect.poll(() => temp.db.presenceEvent.count()).toBe(1);
    } finally {
      await job.stop();
    }
    await temp.db.presenceEvent.create({ data: event(old) });
    await sleep(150);
    expect(await temp.db.presenceEvent.count()).toBe(2); // stopped: nothing runs any more
  });
});
