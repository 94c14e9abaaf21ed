// Each member's roster groups, read from the bot's roster mirror for their verified Jabber IDs only
// (an unverified link proves nothing about who owns the JID). Malformed stored groups count as none.
import { z } from "zod";
import type { Db } from "@/lib/db/client";

const groupsSchema = z.array(z.string());

function parseGroups(stored: string): string[] {
  try {
    return groupsSchema.safeParse(JSON.parse(stored)).data ?? [];
  } catch {
    return [];
  }
}

export async function loadRosterGroups(db: Db, memberIds: readonly string[]): Promise<Map<string, string[]>> {
  if (memberIds.length === 0) return new Map();
  const links = await db.jabberLink.findMany({
    where: { memberId: { in: [...new Set(memberIds)] }, verifiedAt: { not: null } },
    select: { memberId: true, jid: true },
  });
  const items = await db.rosterItem.findMany({ where: { jid: { in: links.map((link) => link.jid) } }, select: { jid: true, groups: true } });
  const groupsByJid = new Map(items.map((item) => [item.jid, parseGroups(item.groups)]));
  const byMember = new Map<string, string[]>();
  for (const link of links) {
    const groups = groupsByJid.get(link.jid) ?? [];
    byMember.set(link.memberId, [...new Set([...(byMember.get(link.memberId) ?? []), ...groups])]);
  }
  return byMember;
}
