// Each member's roster groups, read from the bot's roster mirror for their verified Jabber IDs only
// (an unverified link proves nothing about who owns the JID). Malformed stored groups count as none.
import type { Db } from "@/lib/db/client";
import { parseStoredGroups } from "@/lib/roster/roster-item";

export async function loadRosterGroups(db: Db, memberIds: readonly string[]): Promise<Map<string, string[]>> {
  if (memberIds.length === 0) return new Map();
  const links = await db.jabberLink.findMany({
    where: { memberId: { in: [...new Set(memberIds)] }, verifiedAt: { not: null } },
    select: { memberId: true, jid: true },
  });
  const items = await db.rosterItem.findMany({ where: { jid: { in: links.map((link) => link.jid) } }, select: { jid: true, groups: true } });
  const groupsByJid = new Map(items.map((item) => [item.jid, parseStoredGroups(item.groups)]));
  const byMember = new Map<string, string[]>();
  for (const link of links) {
    const groups = groupsByJid.get(link.jid) ?? [];
    byMember.set(link.memberId, [...new Set([...(byMember.get(link.memberId) ?? []), ...groups])]);
  }
  return byMember;
}
