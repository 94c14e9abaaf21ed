// Web server entry point (`npm run start:web`): Next.js behind the board's own server
// (lib/web-server/web-server.ts). Configuration is validated first (fail fast, naming the variable);
// it runs until SIGTERM/SIGINT and then finishes the requests under way.
import path from "node:path";
import { getDb } from "@/lib/db/client";
import { getWebEnv } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { configurationOrExit, exitOnStartFailure, stopOnSignals } from "@/lib/process-lifecycle";
import { startWebServer } from "@/lib/web-server/web-server";

async function main(): Promise<void> {
  const env = configurationOrExit("narthex web", getWebEnv);
  const logger = createLogger("web", env.NARTHEX_LOG_LEVEL);
  const db = getDb();
  const web = await startWebServer({
    dir: path.resolve(import.meta.dirname, ".."),
    host: env.NARTHEX_WEB_HOST,
    port: env.PORT,
    db,
    authSecret: env.AUTH_SECRET,
    feedUrl: env.NARTHEX_REALTIME_URL,
    logger,
    feedNode:
      env.NARTHEX_FEED_ADAPTER === "postgresql"
        ? { databaseUrl: env.DATABASE_URL, feedSecret: env.NARTHEX_FEED_SECRET, origins: env.NARTHEX_WEB_ORIGIN }
        : undefined,
  });
  logger.info({ port: env.PORT, host: env.NARTHEX_WEB_HOST ?? "every interface" }, "listening");
  stopOnSignals(logger, async () => {
    await web.close();
    await db.$disconnect();
  });
}

main().catch(exitOnStartFailure("narthex web"));
