// A member starts linking a Jabber ID from the profile. The link starts unverified; the worker puts
// the JID on the bot's roster (with a subscription request) and sends it a one-time code by chat.
// Link and commands are written in one transaction: a refused link queues nothing.
import type { Viewer } from "@/lib/auth/viewer";
import { authorize } from "@/lib/auth/authorize";
import { enqueueCommand } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import { readJabberId } from "@/lib/jabber-links/jabber-id-input";
import { isPendingLinkFresh } from "@/lib/jabber-links/link-state";
import type { Result } from "@/lib/members/create-member";
import { takeAttempt, waitMessage } from "@/lib/rate-limits";

export const MAX_LINKS_PER_MEMBER = 5;

const TAKEN = "That Jabber ID is already linked to another member. If it is yours, ask a moderator for help.";

export async function startJabberLink(db: Db, viewer: Viewer, input: { jid: unknown }, now: Date = new Date()): Promise<Result<{ jid: string }>> {
  const allowed = authorize(viewer, "jabber-link.add");
  if (!allowed.ok) return allowed;
  const member = allowed.value;
  const jid = readJabberId(input.jid);
  if (!jid.ok) return jid;
  const attempt = await takeAttempt("linkCodesPerMember", member.id);
  if (!attempt.ok) return { ok: false, error: waitMessage(attempt.retryAfterSeconds) };

  return db.$transaction(async (tx) => {
    const existing = await tx.jabberLink.findUnique({ where: { jid: jid.value } });
    if (existing?.memberId === member.id) return { ok: false as const, error: `You have already added ${jid.value}.` };
    // One answer whether the other member's link is verified or still being confirmed.
    if (existing && (existing.verifiedAt || isPendingLinkFresh(existing, now))) return { ok: false as const, error: TAKEN };
    const count = await tx.jabberLink.count({ where: { memberId: member.id } });
    if (count >= MAX_LINKS_PER_MEMBER) return { ok: false as const, error: `You can link at most ${MAX_LINKS_PER_MEMBER} Jabber IDs.` };
    // A stale attempt by someone else (never confirmed) does not hold the JID hostage.
    if (existing) await tx.jabberLink.delete({ where: { id: existing.id } });
    await tx.jabberLink.create({ data: { memberId: member.id, jid: jid.value, createdAt: now } });
    await enqueueCommand(tx, "roster.add", { jid: jid.value, name: member.displayName }, member.id);
    await enqueueCommand(tx, "jabber-link.send-code", { jid: jid.value }, member.id);
    return { ok: true as const, value: { jid: jid.value } };
  });
}
