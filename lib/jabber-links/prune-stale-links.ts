// Links nobody ever confirmed do not stay forever: after a week without proof (counted from the last
// code sent) the link goes, with the same unlinking as a member's own, so the bot's roster does not
// keep strangers' addresses and their presence is not stored.
import type { Db } from "@/lib/db/client";
import { unlinkInTransaction } from "@/lib/jabber-links/remove-link";

export const STALE_LINK_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

export async function pruneStaleLinks(db: Db, now: Date = new Date()): Promise<{ pruned: string[] }> {
  const cutoff = new Date(now.getTime() - STALE_LINK_AFTER_MS);
  return db.$transaction(async (tx) => {
    const stale = await tx.jabberLink.findMany({
      where: {
        verifiedAt: null,
        createdAt: { lt: cutoff },
        OR: [{ codeSentAt: null }, { codeSentAt: { lt: cutoff } }],
      },
      select: { id: true, jid: true },
    });
    for (const link of stale) await unlinkInTransaction(tx, { linkId: link.id, jid: link.jid, requestedById: null });
    return { pruned: stale.map((link) => link.jid) };
  });
}
