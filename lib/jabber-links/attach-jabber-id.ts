// Linking a Jabber ID to a member. The operator's attach is trusted (verified at once); the web
// flow with proof of ownership builds on the same rules. Link and roster command are written in
// one transaction, so the worker never misses a link and a refused link queues nothing.
import type { Db } from "@/lib/db/client";
import { enqueueCommand } from "@/lib/commands";
import { parseAccountJid } from "@/lib/jid";
import { unlinkInTransaction } from "@/lib/jabber-links/remove-link";
import type { Result } from "@/lib/members/create-member";

export async function attachJabberId(
  db: Db,
  input: { handle: string; jid: string },
): Promise<Result<{ jid: string; memberId: string; commandId: number }>> {
  const parsed = parseAccountJid(input.jid);
  if (!parsed.ok) return { ok: false, error: `"${input.jid}" is not a valid Jabber ID: ${parsed.error}` };
  const jid = parsed.bare;
  return db.$transaction(async (tx) => {
    const member = await tx.member.findUnique({ where: { handle: input.handle.trim().toLowerCase() }, select: { id: true, displayName: true } });
    if (!member) return { ok: false as const, error: `no member has the handle "${input.handle}"` };
    const existing = await tx.jabberLink.findUnique({ where: { jid }, select: { memberId: true } });
    if (existing && existing.memberId !== member.id) return { ok: false as const, error: `${jid} is already linked to another member` };
    if (existing) return { ok: false as const, error: `${jid} is already linked to this member` };
    await tx.jabberLink.create({ data: { memberId: member.id, jid, verifiedAt: new Date() } });
    const command = await enqueueCommand(tx, "roster.add", { jid, name: member.displayName });
    await enqueueCommand(tx, "presence.resync", {}); // a verified link: the member's dot appears
    return { ok: true as const, value: { jid, memberId: member.id, commandId: command.id } };
  });
}

export async function detachJabberId(db: Db, input: { handle: string; jid: string }): Promise<Result<{ jid: string; commandId: number }>> {
  const parsed = parseAccountJid(input.jid);
  if (!parsed.ok) return { ok: false, error: `"${input.jid}" is not a valid Jabber ID: ${parsed.error}` };
  const jid = parsed.bare;
  return db.$transaction(async (tx) => {
    const link = await tx.jabberLink.findUnique({ where: { jid }, select: { id: true, member: { select: { handle: true } } } });
    if (!link || link.member.handle !== input.handle.trim().toLowerCase()) {
      return { ok: false as const, error: `${jid} is not linked to "${input.handle}"` };
    }
    const command = await unlinkInTransaction(tx, { linkId: link.id, jid, requestedById: null });
    return { ok: true as const, value: { jid, commandId: command.id } };
  });
}
