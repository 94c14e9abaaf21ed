// The start and stop of a long-running process (the worker, the web server): configuration checked
// before anything starts, naming each bad variable and never its value; a graceful stop on SIGTERM
// or SIGINT.
import { EnvError } from "@/lib/env";
import type { Logger } from "@/lib/logger";

/** EX_CONFIG (sysexits.h): the configuration is wrong, so restarting as is will not help. */
const EX_CONFIG = 78;

/** `load()`'s configuration, or the process stops with a message naming each bad variable. */
export function configurationOrExit<T>(processName: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${processName}: ${error.message}\n`);
      process.exit(EX_CONFIG);
    }
    throw error;
  }
}

/** On the first SIGTERM or SIGINT: `stop()`, then exit 0 (1 if stopping failed). */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/** For a `main()` that failed before it could log: the reason on stderr, exit 1. */
export function exitOnStartFailure(processName: string): (error: unknown) => never {
  return (error) => {
    process.stderr.write(`${processName}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  };
}
