// Web server entry point (`npm run start:web`): Next.js behind the board home's fast path
// (lib/web-server/web-server.ts). Configuration is validated first (fail fast, naming the variable);
// it runs until SIGTERM/SIGINT and then finishes the requests under way.
import path from "node:path";
import { getDb } from "@/lib/db/client";
import { EnvError, getWebEnv } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { startWebServer } from "@/lib/web-server/web-server";

async function main(): Promise<void> {
  let env;
  try {
    env = getWebEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`narthex web: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger("web", env.NARTHEX_LOG_LEVEL);
  const db = getDb();
  const web = await startWebServer({ dir: path.resolve(import.meta.dirname, ".."), host: env.NARTHEX_WEB_HOST, port: env.PORT, db, authSecret: env.AUTH_SECRET, feedUrl: env.NARTHEX_REALTIME_URL, logger });
  logger.info({ port: env.PORT, host: env.NARTHEX_WEB_HOST ?? "every interface" }, "listening");
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    web
      .close()
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
  process.stderr.write(`narthex web: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
