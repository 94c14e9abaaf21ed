// Consumes the durable command queue in id order, one command at a time, only while the XMPP
// session is live. A command left "running" by a crash is run again on restart; handlers are
// idempotent (roster set and subscribe requests may be repeated safely, RFC 6121 §2.3, §3.1.2), and
// a handler told that an earlier attempt may have done the work checks the server's state first, so
// a peer is not sent the same thing twice.
// Stanza errors from the server fail a command for good (in words); anything else is transient
// and retried after a pause, up to MAX_ATTEMPTS.
import { parseCommand, type Command } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Logger } from "@/lib/logger";
import type { Fence } from "@/worker/worker-lease";
import { retryRefusedWrite } from "@/worker/retry-refused-write";

const MAX_ATTEMPTS = 10;

export class PermanentCommandError extends Error {}

/** `retried`: an earlier attempt began (and a crash or a transient failure ended it, perhaps after its effect). */
export type CommandAttempt = { retried: boolean };

export type CommandQueueOptions = {
  db: Db;
  logger: Logger;
  execute: (command: Command, attempt: CommandAttempt) => Promise<void>;
  isReady: () => boolean;
  /** A command changed state (claimed, done, failed, put back for a retry). */
  onChange?: () => void;
  pollMs?: number;
  retryMs?: number;
  /** Claims and finishes run through it (the worker lease): a replaced worker changes no command. */
  fence?: Fence;
};

export class CommandQueue {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;
  #pausedUntil = 0;

  constructor(private readonly options: CommandQueueOptions) {}

  start(): void {
    this.#stopped = false;
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  /** Look for work now (a new command, or the session just came up). */
  kick(): void {
    if (this.#stopped || this.#running) return;
    this.#running = this.#drain()
      .catch((error: unknown) => {
        // The database was busy or gone: pause, and the next poll tries again. Never crash.
        this.options.logger.warn({ err: error }, "command queue paused after a database error");
        this.#pausedUntil = Date.now() + (this.options.retryMs ?? 2_000);
      })
      .finally(() => {
        this.#running = null;
      });
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.kick();
      this.#schedule();
    }, this.options.pollMs ?? 500);
  }

  async #drain(): Promise<void> {
    const { db, logger } = this.options;
    while (!this.#stopped && this.options.isReady() && Date.now() >= this.#pausedUntil) {
      const row = await db.command.findFirst({
        where: { status: { in: ["pending", "running"] } },
        orderBy: { id: "asc" },
      });
      if (!row) return;
      // Claim it only if nobody changed it since we read it (another worker, or the web app).
      const claimed = await this.#write((tx) =>
        tx.command.updateMany({
          where: { id: row.id, status: row.status, attempts: row.attempts },
          data: { status: "running", startedAt: new Date(), attempts: { increment: 1 } },
        }),
      );
      if (claimed.count === 0) continue;
      this.options.onChange?.();
      const parsed = parseCommand(row.kind, row.payload);
      if (!parsed.ok) {
        await this.#finish(row.id, "failed", parsed.error);
        continue;
      }
      let failure: unknown = null;
      try {
        await this.options.execute(parsed.command, { retried: row.attempts > 0 });
      } catch (error) {
        failure = error;
      }
      // What the command did is done: its bookkeeping waits out a locked database rather than being
      // mistaken for the command failing (which would run it again).
      if (failure === null) {
        await this.#finish(row.id, "done", null);
        logger.info({ commandId: row.id, kind: row.kind }, "command done");
        continue;
      }
      const message = describeError(failure);
      if (failure instanceof PermanentCommandError || isStanzaError(failure) || row.attempts + 1 >= MAX_ATTEMPTS) {
        await this.#finish(row.id, "failed", message);
        logger.warn({ commandId: row.id, kind: row.kind, error: message }, "command failed");
      } else {
        await this.#record(`command ${row.id}'s retry`, () => this.#write((tx) => tx.command.update({ where: { id: row.id }, data: { status: "pending", lastError: message } })));
        this.options.onChange?.();
        logger.warn({ commandId: row.id, kind: row.kind, error: message }, "command will be retried");
        this.#pausedUntil = Date.now() + (this.options.retryMs ?? 2_000);
        return;
      }
    }
  }

  async #finish(id: number, status: "done" | "failed", lastError: string | null): Promise<void> {
    await this.#record(`command ${id}'s outcome`, () => this.#write((tx) => tx.command.update({ where: { id }, data: { status, lastError, finishedAt: new Date() } })));
    this.options.onChange?.();
  }

  /** Through the fence when there is one: a refusal there (LeaseLostError) is not retried. */
  #write<T>(write: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    const { db, fence } = this.options;
    return fence ? fence(db, write) : write(db);
  }

  #record<T>(what: string, write: () => Promise<T>): Promise<T> {
    return retryRefusedWrite(write, { logger: this.options.logger, what });
  }
}

function isStanzaError(error: unknown): error is Error & { condition: string } {
  return error instanceof Error && error.name === "StanzaError";
}

function describeError(error: unknown): string {
  if (isStanzaError(error)) return `the XMPP server refused: ${error.condition.replaceAll("-", " ")}`;
  return error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500);
}
