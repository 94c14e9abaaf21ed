// A moderator approves or denies a stranger's subscription request. In one transaction: the kept
// request is taken off the list, the answer is queued for the worker (which sends it to the XMPP
// server) and the audit log records who decided what. A request already answered (a second click, a
// stale page) is refused in words and nothing is written.
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { enqueueCommand } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import { parseAccountJid } from "@/lib/jid";
import type { Result } from "@/lib/members/create-member";

export const REQUEST_DECISIONS = ["approve", "deny"] as const;
export type RequestDecision = (typeof REQUEST_DECISIONS)[number];

export const DECISION_MESSAGES = {
  badJid: "That is not a Jabber ID.",
  badDecision: "Choose Approve or Deny.",
  alreadyAnswered: "That request has already been answered, so nothing was changed.",
} as const;

const decisionSchema = z.object({
  jid: z.string().trim().min(1, DECISION_MESSAGES.badJid).max(3071, DECISION_MESSAGES.badJid),
  decision: z.enum(REQUEST_DECISIONS, { error: DECISION_MESSAGES.badDecision }),
});

export async function decideSubscriptionRequest(db: Db, viewer: Viewer, input: unknown): Promise<Result<{ jid: string; decision: RequestDecision; commandId: number }>> {
  const allowed = authorize(viewer, "subscription-requests.answer");
  if (!allowed.ok) return allowed;
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? DECISION_MESSAGES.badDecision };
  const jid = parseAccountJid(parsed.data.jid);
  if (!jid.ok) return { ok: false, error: DECISION_MESSAGES.badJid };
  const { decision } = parsed.data;
  const actor = allowed.value;
  return db.$transaction(async (tx) => {
    // Role and suspension are read again inside the write, so a demotion mid-request still applies.
    const stillAllowed = authorize(await loadViewer(tx, actor.id), "subscription-requests.answer");
    if (!stillAllowed.ok) return stillAllowed;
    const request = await tx.subscriptionRequest.findUnique({ where: { jid: jid.bare } });
    if (!request) return { ok: false as const, error: DECISION_MESSAGES.alreadyAnswered };
    await tx.subscriptionRequest.delete({ where: { jid: jid.bare } });
    const command = await enqueueCommand(tx, decision === "approve" ? "subscription.approve" : "subscription.deny", { jid: jid.bare }, actor.id);
    await tx.auditEntry.create({
      data: {
        actorId: actor.id,
        action: `subscription-request.${decision}`,
        targetType: "jid",
        targetId: jid.bare,
        before: JSON.stringify({ pending: true, firstAt: request.firstAt.toISOString(), lastAt: request.lastAt.toISOString() }),
        after: JSON.stringify({ pending: false, decision }),
      },
    });
    return { ok: true as const, value: { jid: jid.bare, decision, commandId: command.id } };
  });
}
