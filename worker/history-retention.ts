// Keeps presence history within the retention setting (lib/presence-history/history-retention.ts):
// at start and then hourly, rows older than the cutoff are deleted a bounded batch per transaction,
// so the shared SQLite database is never locked for long and the board's writes slip in between.
import { setImmediate as yieldToOthers } from "node:timers/promises";
import type { Db } from "@/lib/db/client";
import type { Logger } from "@/lib/logger";
import { readRetentionDays, retentionCutoff } from "@/lib/presence-history/history-retention";

export const RETENTION_BATCH_SIZE = 5_000;
export const RETENTION_EVERY_MS = 60 * 60 * 1000;

/** Deletes the rows older than the retention allows; returns how many went and the days in force. */
export async function pruneHistory(db: Db, options: { now?: Date; batchSize?: number; signal?: AbortSignal } = {}): Promise<{ removed: number; days: number }> {
  const { now = new Date(), batchSize = RETENTION_BATCH_SIZE, signal } = options;
  const days = await readRetentionDays(db);
  const cutoff = retentionCutoff(now, days);
  let removed = 0;
  // A stopping worker finishes the batch under way and leaves the rest for its next start.
  while (!signal?.aborted) {
    const batch = await db.$transaction(async (tx) => {
      const rows = await tx.presenceEvent.findMany({ where: { occurredAt: { lt: cutoff } }, select: { id: true }, orderBy: { occurredAt: "asc" }, take: batchSize });
      if (rows.length === 0) return 0;
      return (await tx.presenceEvent.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } })).count;
    });
    removed += batch;
    if (batch < batchSize) break;
    await yieldToOthers();
  }
  return { removed, days };
}

export type HistoryRetention = { stop(): Promise<void> };

export function startHistoryRetention(options: { db: Db; logger: Logger; everyMs?: number }): HistoryRetention {
  const { db, logger, everyMs = RETENTION_EVERY_MS } = options;
  const stopping = new AbortController();
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    // One clean-up at a time: a slow one is not overtaken by the next tick.
    running = running.then(() =>
      pruneHistory(db, { signal: stopping.signal })
        .then(({ removed, days }) => {
          if (removed > 0) logger.info({ removed, days }, "removed presence history older than the retention setting");
        })
        .catch((error: unknown) => logger.warn({ err: error }, "could not remove old presence history; trying again later")),
    );
  };
  const timer = setInterval(run, everyMs);
  run();
  return {
    stop: async () => {
      clearInterval(timer);
      stopping.abort();
      await running;
    },
  };
}
