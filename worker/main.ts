// Worker entry point: validate configuration (fail fast, naming the variable), then run until
// SIGTERM/SIGINT and shut down gracefully (bot goes unavailable, feed says paused).
import { createDb } from "@/lib/db/client";
import { loadEnv, workerEnvSchema } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { configurationOrExit, exitOnStartFailure, stopOnSignals } from "@/lib/process-lifecycle";
import { startWorker } from "@/worker/worker";

async function main(): Promise<void> {
  const env = configurationOrExit("narthex worker", () => loadEnv(workerEnvSchema));
  const logger = createLogger("worker", env.NARTHEX_LOG_LEVEL);
  const db = createDb(env.DATABASE_URL);
  const worker = await startWorker({ env, db, logger });
  stopOnSignals(logger, async () => {
    await worker.stop();
    await db.$disconnect();
  });
}

main().catch(exitOnStartFailure("narthex worker"));
