// Whether a JID speaks for a member: a verified link of a member who is not suspended. The bot
// approves such JIDs' subscription requests and counts them as members when answering `who`.
import type { Db } from "@/lib/db/client";

export async function isActiveMemberJid(db: Db, jid: string): Promise<boolean> {
  const link = await db.jabberLink.findUnique({ where: { jid }, select: { verifiedAt: true, member: { select: { suspendedAt: true } } } });
  return !!link?.verifiedAt && !link.member.suspendedAt;
}
