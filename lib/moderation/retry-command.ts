// A moderator tries a failed command again: a new command with the same request is queued (the failed
// one stays in the queue's history as it was) and the audit log records who asked, in one transaction.
// Only a failed command can be tried again, and only once: one waiting, running or done, one already
// tried again (a second click, a stale page) or one the worker cannot read is refused in words.
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { parseCommand } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import type { CommandStatus } from "@/lib/generated/prisma/enums";
import type { Result } from "@/lib/members/create-member";

const ACTION = "commands.retry";
const STATE_WORDS: Record<Exclude<CommandStatus, "failed">, string> = { pending: "still waiting", running: "running now", done: "already done" };

export const RETRY_MESSAGES = {
  badId: "That is not a command of the queue.",
  unknown: "There is no such command, so nothing was queued.",
  notFailed: (id: number, status: Exclude<CommandStatus, "failed">) => `Command #${id} is ${STATE_WORDS[status]}; only a failed command can be tried again.`,
  alreadyRetried: (id: number, again: number | null) => `Command #${id} was already tried again${again === null ? "" : ` as #${again}`}, so nothing was queued.`,
  unreadable: (id: number) => `Command #${id} is not one the worker can carry out, so it cannot be tried again.`,
} as const;

const inputSchema = z.object({ id: z.coerce.number({ error: RETRY_MESSAGES.badId }).int(RETRY_MESSAGES.badId).min(1, RETRY_MESSAGES.badId).max(Number.MAX_SAFE_INTEGER, RETRY_MESSAGES.badId) });

export async function retryCommand(db: Db, viewer: Viewer, input: unknown): Promise<Result<{ failedId: number; newId: number }>> {
  const allowed = authorize(viewer, ACTION);
  if (!allowed.ok) return allowed;
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: RETRY_MESSAGES.badId };
  const { id } = parsed.data;
  const actor = allowed.value;
  return db.$transaction(async (tx) => {
    const stillAllowed = authorize(await loadViewer(tx, actor.id), ACTION);
    if (!stillAllowed.ok) return stillAllowed;
    const command = await tx.command.findUnique({ where: { id }, select: { id: true, kind: true, payload: true, status: true, lastError: true } });
    if (!command) return { ok: false as const, error: RETRY_MESSAGES.unknown };
    if (command.status !== "failed") return { ok: false as const, error: RETRY_MESSAGES.notFailed(id, command.status) };
    if (!parseCommand(command.kind, command.payload).ok) return { ok: false as const, error: RETRY_MESSAGES.unreadable(id) };
    const earlier = await tx.auditEntry.findFirst({ where: { action: "command.retry", targetType: "command", targetId: String(id) }, select: { after: true } });
    if (earlier) return { ok: false as const, error: RETRY_MESSAGES.alreadyRetried(id, retriedAs(earlier.after)) };
    const again = await tx.command.create({ data: { kind: command.kind, payload: command.payload, requestedById: actor.id }, select: { id: true } });
    await tx.auditEntry.create({
      data: {
        actorId: actor.id,
        action: "command.retry",
        targetType: "command",
        targetId: String(id),
        before: JSON.stringify({ status: command.status, lastError: command.lastError }),
        after: JSON.stringify({ retriedAs: again.id }),
      },
    });
    return { ok: true as const, value: { failedId: id, newId: again.id } };
  });
}

function retriedAs(after: string | null): number | null {
  try {
    const value = (JSON.parse(after ?? "null") as { retriedAs?: unknown } | null)?.retriedAs;
    return typeof value === "number" ? value : null;
  } catch {
    return null;
  }
}
