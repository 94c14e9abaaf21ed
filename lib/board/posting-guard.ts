// Checks shared by every write on the board: the per-member posting limit, and that the author is
// still an active member inside the write's transaction (suspension applies even mid-request).
import { BOARD_MESSAGES, postingTooFastMessage } from "@/lib/board/board-messages";
import type { Prisma } from "@/lib/generated/prisma/client";
import { takeAttempt } from "@/lib/rate-limits";

/** Takes one posting attempt (posts and replies share it); the refusal in words, or null. */
export async function postingLimitRefusal(memberId: string): Promise<string | null> {
  const attempt = await takeAttempt("postingPerMember", memberId);
  return attempt.ok ? null : postingTooFastMessage(attempt.retryAfterSeconds);
}

/** Null when the member may still write; otherwise why not. */
export async function inactiveAuthorRefusal(tx: Prisma.TransactionClient, memberId: string): Promise<string | null> {
  const member = await tx.member.findUnique({ where: { id: memberId }, select: { suspendedAt: true } });
  return !member || member.suspendedAt ? BOARD_MESSAGES.signedOut : null;
}
