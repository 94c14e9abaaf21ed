// A member unlinks one of their Jabber IDs: the link, its stored presence and any pending
// subscription request go in one transaction with the commands that take the JID off the bot's
// roster (which cancels both subscriptions, RFC 6121 §2.5) and resend who may see whom.
import type { Viewer } from "@/lib/auth/viewer";
import { authorize } from "@/lib/auth/authorize";
import { enqueueCommand } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
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
    await tx.jabberLink.delete({ where: { id: link.id } });
    await tx.presence.deleteMany({ where: { bareJid: jid.value } });
    await tx.subscriptionRequest.deleteMany({ where: { jid: jid.value } });
    await enqueueCommand(tx, "roster.remove", { jid: jid.value }, member.id);
    await enqueueCommand(tx, "presence.resync", {}, member.id);
    return { ok: true as const, value: { jid: jid.value } };
  });
}
