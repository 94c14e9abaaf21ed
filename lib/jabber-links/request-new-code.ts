// A new one-time code for a link that is not confirmed yet (expired, too many wrong guesses, lost,
// or the subscription failed). The old code stops working at once; the worker sends the new one
// and repeats the roster entry and subscription request, so a failed attempt is retried too.
import type { Viewer } from "@/lib/auth/viewer";
import { authorize } from "@/lib/auth/authorize";
import { enqueueCommand } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import { readJabberId } from "@/lib/jabber-links/jabber-id-input";
import type { Result } from "@/lib/members/create-member";
import { takeAttempt, waitMessage } from "@/lib/rate-limits";

export async function requestNewLinkCode(db: Db, viewer: Viewer, input: { jid: unknown }): Promise<Result<{ jid: string }>> {
  const allowed = authorize(viewer, "jabber-link.new-code");
  if (!allowed.ok) return allowed;
  const member = allowed.value;
  const jid = readJabberId(input.jid);
  if (!jid.ok) return jid;
  const link = await db.jabberLink.findUnique({ where: { jid: jid.value }, select: { memberId: true, verifiedAt: true } });
  if (!link || link.memberId !== member.id) return { ok: false, error: `You have not added ${jid.value}.` };
  if (link.verifiedAt) return { ok: false, error: `${jid.value} is already confirmed; it needs no code.` };
  const attempt = await takeAttempt("linkCodesPerMember", member.id);
  if (!attempt.ok) return { ok: false, error: waitMessage(attempt.retryAfterSeconds) };

  return db.$transaction(async (tx) => {
    const updated = await tx.jabberLink.updateMany({
      where: { jid: jid.value, memberId: member.id, verifiedAt: null },
      data: { codeHash: null, codeExpiresAt: null, codeAttempts: 0, codeSentAt: null, failureReason: null },
    });
    if (updated.count === 0) return { ok: false as const, error: `${jid.value} is already confirmed; it needs no code.` };
    await enqueueCommand(tx, "roster.add", { jid: jid.value, name: member.displayName }, member.id);
    await enqueueCommand(tx, "jabber-link.send-code", { jid: jid.value }, member.id);
    return { ok: true as const, value: { jid: jid.value } };
  });
}
