// Proof of ownership: the one code check, used by the profile form and by the bot when the JID
// replies with its code. A wrong code costs an attempt and changes nothing else; the right one
// verifies the link and asks the worker to finish the subscription and resend who may see whom.
import type { Viewer } from "@/lib/auth/viewer";
import { authorize } from "@/lib/auth/authorize";
import { enqueueCommand } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import { readJabberId } from "@/lib/jabber-links/jabber-id-input";
import { checkLinkCode, type CodeVerdict } from "@/lib/jabber-links/link-code";
import type { Result } from "@/lib/members/create-member";
import { takeAttempt, waitMessage } from "@/lib/rate-limits";

const NO_CODE = "There is no code waiting for that Jabber ID.";

export function verdictMessage(verdict: Exclude<CodeVerdict, { kind: "ok" }>): string {
  switch (verdict.kind) {
    case "none":
      return NO_CODE;
    case "expired":
      return "That code has expired. Ask for a new one.";
    case "too-many-attempts":
      return "Too many wrong codes. Ask for a new one.";
    case "wrong":
      return verdict.attemptsLeft === 0
        ? "That code is not right, and that was the last attempt. Ask for a new one."
        : `That code is not right. ${verdict.attemptsLeft} attempt${verdict.attemptsLeft === 1 ? "" : "s"} left.`;
  }
}

/**
 * Checks `code` against the pending code of `jid` (a normalised bare JID). With `memberId`, only
 * that member's link counts (the web); without, the JID itself is the proof (the bot's chat).
 */
export async function confirmLinkCode(
  db: Db,
  input: { jid: string; code: string; memberId?: string; /** The shared secret that keys code hashes. */ codeKey: string },
  now: Date = new Date(),
): Promise<Result<{ jid: string; memberId: string }>> {
  return db.$transaction(async (tx) => {
    const link = await tx.jabberLink.findUnique({ where: { jid: input.jid }, include: { member: { select: { suspendedAt: true } } } });
    if (!link || link.member.suspendedAt || (input.memberId !== undefined && link.memberId !== input.memberId) || link.verifiedAt) {
      return { ok: false as const, error: NO_CODE };
    }
    const verdict = checkLinkCode(link, input.code, now, input.codeKey);
    if (verdict.kind === "wrong") {
      await tx.jabberLink.update({ where: { id: link.id }, data: { codeAttempts: { increment: 1 } } });
    }
    if (verdict.kind !== "ok") return { ok: false as const, error: verdictMessage(verdict) };
    await tx.jabberLink.update({
      where: { id: link.id },
      data: { verifiedAt: now, codeHash: null, codeExpiresAt: null, codeAttempts: 0, failureReason: null },
    });
    await tx.subscriptionRequest.deleteMany({ where: { jid: link.jid } });
    await enqueueCommand(tx, "jabber-link.confirmed", { jid: link.jid }, link.memberId);
    await enqueueCommand(tx, "presence.resync", {}, link.memberId);
    return { ok: true as const, value: { jid: link.jid, memberId: link.memberId } };
  });
}

/** The profile's code form: the signed-in member confirms one of their own links. */
export async function confirmJabberLink(db: Db, viewer: Viewer, input: { jid: unknown; code: unknown }, codeKey: string): Promise<Result<{ jid: string }>> {
  const allowed = authorize(viewer, "jabber-link.confirm");
  if (!allowed.ok) return allowed;
  const jid = readJabberId(input.jid);
  if (!jid.ok) return jid;
  if (typeof input.code !== "string" || !input.code.trim()) return { ok: false, error: "Enter the code we sent you by chat." };
  if (input.code.length > 64) return { ok: false, error: "That code is not right." };
  const attempt = await takeAttempt("codeGuessesPerMember", allowed.value.id);
  if (!attempt.ok) return { ok: false, error: waitMessage(attempt.retryAfterSeconds) };
  const result = await confirmLinkCode(db, { jid: jid.value, code: input.code, memberId: allowed.value.id, codeKey });
  return result.ok ? { ok: true, value: { jid: result.value.jid } } : result;
}
