// Worker entry point: validate configuration (fail fast, naming the variable), then run until
// SIGTERM/SIGINT and shut down gracefully (bot goes unavailable, feed says paused).
import { createDb } from "@/lib/db/client";
import { EnvError, loadEnv, workerEnvSchema } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { startWorker } from "@/worker/worker";

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv(workerEnvSchema);
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`narthex worker: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger("worker", env.NARTHEX_LOG_LEVEL);
  const db = createDb(env.DATABASE_URL);
  const worker = await startWorker({ env, db, logger });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    worker
      .stop()
      .then(() => db.$disconnect())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(`narthex worker: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
