// A moderator blocks or unblocks a Jabber ID (or a whole server) on the bot's XMPP server (XEP-0191).
// In one transaction: the change is queued for the worker, the audit log records it and, for a block,
// the stranger's pending subscription request leaves the moderators' list (a blocked JID is not
// answered: blocking is silent, and the server drops the request it held). Refused in words, with
// nothing written: a malformed JID, a JID already blocked (or not blocked), or a server that does not
// support blocking, or has not yet been asked. The Blocked page lists what the server confirmed.
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { enqueueCommand, parseCommand } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseJid } from "@/lib/jid";
import type { Result } from "@/lib/members/create-member";

export const BLOCK_MESSAGES = {
  badJid: "That is not a Jabber ID. Enter one such as spam@example.net, or a server's name such as example.net to block all of it.",
  unsupported: "The bot's XMPP server does not support blocking, so nothing was blocked or unblocked.",
  unknownSupport: "The presence service has not yet asked its XMPP server whether it supports blocking, so nothing was changed. Try again once it is connected.",
  alreadyBlocked: (jid: string) => `${jid} is already blocked, so nothing was changed.`,
  notBlocked: (jid: string) => `${jid} is not blocked, so nothing was changed.`,
} as const;

type Change = "block" | "unblock";
export type BlocklistChange = { jid: string; change: Change; commandId: number; droppedRequest: boolean };

const inputSchema = z.object({ jid: z.string({ error: BLOCK_MESSAGES.badJid }).trim().min(1, BLOCK_MESSAGES.badJid).max(3071, BLOCK_MESSAGES.badJid) });

export function blockJid(db: Db, viewer: Viewer, input: unknown): Promise<Result<BlocklistChange>> {
  return changeBlocklist(db, viewer, input, "block");
}

export function unblockJid(db: Db, viewer: Viewer, input: unknown): Promise<Result<BlocklistChange>> {
  return changeBlocklist(db, viewer, input, "unblock");
}

async function changeBlocklist(db: Db, viewer: Viewer, input: unknown, change: Change): Promise<Result<BlocklistChange>> {
  const allowed = authorize(viewer, "blocklist.edit");
  if (!allowed.ok) return allowed;
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? BLOCK_MESSAGES.badJid };
  // A bare JID or a domain (XEP-0191 §3.1); a resource typed by mistake is dropped, blocking the account.
  const address = parseJid(parsed.data.jid);
  if (!address.ok) return { ok: false, error: BLOCK_MESSAGES.badJid };
  const jid = address.bare;
  const actor = allowed.value;
  return db.$transaction(async (tx) => {
    const stillAllowed = authorize(await loadViewer(tx, actor.id), "blocklist.edit");
    if (!stillAllowed.ok) return stillAllowed;
    const worker = await tx.workerState.findUnique({ where: { id: 1 }, select: { blockingSupported: true } });
    if (worker?.blockingSupported === false) return { ok: false as const, error: BLOCK_MESSAGES.unsupported };
    if (worker?.blockingSupported !== true) return { ok: false as const, error: BLOCK_MESSAGES.unknownSupport };
    const blocked = await isOrWillBeBlocked(tx, jid);
    if (change === "block" && blocked) return { ok: false as const, error: BLOCK_MESSAGES.alreadyBlocked(jid) };
    if (change === "unblock" && !blocked) return { ok: false as const, error: BLOCK_MESSAGES.notBlocked(jid) };
    const request = change === "block" ? await tx.subscriptionRequest.findUnique({ where: { jid } }) : null;
    if (request) await tx.subscriptionRequest.delete({ where: { jid } });
    const command = await enqueueCommand(tx, change === "block" ? "block.add" : "block.remove", { jid }, actor.id);
    await tx.auditEntry.create({
      data: {
        actorId: actor.id,
        action: change === "block" ? "blocklist.block" : "blocklist.unblock",
        targetType: "jid",
        targetId: jid,
        before: JSON.stringify({ blocked: change !== "block", ...(request ? { pendingRequest: { firstAt: request.firstAt.toISOString(), lastAt: request.lastAt.toISOString() } } : {}) }),
        after: JSON.stringify({ blocked: change === "block" }),
      },
    });
    return { ok: true as const, value: { jid, change, commandId: command.id, droppedRequest: request !== null } };
  });
}

/**
 * Blocked as far as moderators have asked: the last block or unblock still waiting for the worker,
 * else what the server confirmed (the mirror). So a second click before the worker ran is refused.
 */
async function isOrWillBeBlocked(tx: Prisma.TransactionClient, jid: string): Promise<boolean> {
  const waiting = await tx.command.findMany({
    where: { kind: { in: ["block.add", "block.remove"] }, status: { in: ["pending", "running"] } },
    orderBy: { id: "desc" },
    select: { kind: true, payload: true },
  });
  for (const row of waiting) {
    const parsed = parseCommand(row.kind, row.payload);
    if (parsed.ok && "jid" in parsed.command.payload && parsed.command.payload.jid === jid) return parsed.command.kind === "block.add";
  }
  return (await tx.blockedJid.count({ where: { jid } })) > 0;
}
