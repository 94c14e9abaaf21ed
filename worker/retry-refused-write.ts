// A worker write that must not be lost to a locked database (a roster push's mirror, for one): tried
// again, in the caller's order, while the database refuses it for its lock, for a bounded time.
import { setTimeout as sleep } from "node:timers/promises";
import { isDatabaseBusyError } from "@/lib/db/client";
import type { Logger } from "@/lib/logger";

export async function retryRefusedWrite<T>(
  write: () => Promise<T>,
  options: { logger: Logger; what: string; pauseMs?: number; giveUpAfterMs?: number },
): Promise<T> {
  const { logger, what, pauseMs = 500, giveUpAfterMs = 5 * 60_000 } = options;
  const startedAt = Date.now();
  for (let refusals = 0; ; refusals++) {
    try {
      const result = await write();
      if (refusals > 0) logger.info({ waitedMs: Date.now() - startedAt }, `stored ${what} once the database accepted it`);
      return result;
    } catch (error) {
      if (!isDatabaseBusyError(error) || Date.now() - startedAt > giveUpAfterMs) throw error;
      if (refusals === 0) logger.warn({}, `the database refused ${what} (locked by another process); trying again until it accepts it`);
      await sleep(pauseMs);
    }
  }
}
