// A member unlinks one of their Jabber IDs: the link, its stored presence and any pending
// subscription request go in one transaction with the commands that take the JID off the bot's
// roster (which cancels both subscriptions, RFC 6121 §2.5) and resend who may see whom.
import type { Viewer } from "@/lib/auth/viewer";
import { authorize } from "@/lib/auth/authorize";
import { enqueueCommand } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { readJabberId } from "@/lib/jabber-links/jabber-id-input";
import type { Result } from "@/lib/members/create-member";

export async function removeJabberLink(db: Db, viewer: Viewer, input: { jid: unknown }): Promise<Result<{ jid: string }>> {
  const allowed = authorize(viewer, "jabber-link.remove");
  if (!allowed.ok) return allowed;
  const member = allowed.value;
  const jid = readJabberId(input.jid);
  if (!jid.ok) return jid;
  return db.$transaction(async (tx) => {
    const link = await tx.jabberLink.findUnique({ where: { jid: jid.value }, select: { id: true, memberId: true } });
    if (!link || link.memberId !== member.id) return { ok: false as const, error: `You have not added ${jid.value}.` };
    await unlinkInTransaction(tx, { linkId: link.id, jid: jid.value, requestedById: member.id });
    return { ok: true as const, value: { jid: jid.value } };
  });
}

/**
 * What unlinking means, for the profile and the operator alike: the link, its presence and any
 * pending request go; the worker takes the JID off the roster and every feed drops the dot.
 */
export async function unlinkInTransaction(
  tx: Prisma.TransactionClient,
  link: { linkId: string; jid: string; requestedById: string | null },
): Promise<{ id: number }> {
  await tx.jabberLink.delete({ where: { id: link.linkId } });
  await tx.presence.deleteMany({ where: { bareJid: link.jid } });
  await tx.subscriptionRequest.deleteMany({ where: { jid: link.jid } });
  const command = await enqueueCommand(tx, "roster.remove", { jid: link.jid }, link.requestedById);
  await enqueueCommand(tx, "presence.resync", {}, link.requestedById);
  return command;
}
