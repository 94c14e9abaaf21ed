// Structured logs (JSON lines) for the worker and scripts. Secrets never reach a log line: the
// configuration is never logged whole, and any field with a secret-sounding name is redacted.
import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(name: string, level: string = process.env.NARTHEX_LOG_LEVEL ?? "info"): Logger {
  return pino({
    name,
    level,
    redact: { paths: ["password", "*.password", "secret", "*.secret", "token", "*.token", "code", "*.code"], censor: "[redacted]" },
    base: { pid: process.pid },
  });
}
