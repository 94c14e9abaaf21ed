// Reads what viewers see of members' presence, for pages rendered on the server and for the
// worker's socket.io feed alike.
import type { Db } from "@/lib/db/client";
import { memberPresence, type MemberPresenceView, type StoredPresence } from "@/lib/presence/member-presence";

/** Views of the given members (all members with a verified JID when `memberIds` is omitted). */
export async function loadMemberViews(db: Db, live: boolean, memberIds?: string[]): Promise<MemberPresenceView[]> {
  const links = await db.jabberLink.findMany({
    // Hidden members never appear (they look like members without a Jabber ID). The members-only
    // audience needs the viewer's identity and arrives with sign-in.
    where: {
      verifiedAt: { not: null },
      member: { suspendedAt: null, presenceVisibility: { not: "hidden" } },
      ...(memberIds ? { memberId: { in: memberIds } } : {}),
    },
    select: { memberId: true, jid: true, createdAt: true },
  });
  const rows = await db.presence.findMany({ where: { bareJid: { in: links.map((link) => link.jid) } } });
  const byJid = new Map(rows.map((row) => [row.bareJid, row]));
  const byMember = new Map<string, StoredPresence[]>();
  for (const link of links) {
    const row = byJid.get(link.jid);
    const stored: StoredPresence = row ?? {
      bareJid: link.jid,
      state: "unknown",
      statusText: null,
      since: link.createdAt,
      idleSince: null,
      lastSeenAt: null,
    };
    byMember.set(link.memberId, [...(byMember.get(link.memberId) ?? []), stored]);
  }
  return [...byMember].flatMap(([memberId, jids]) => memberPresence(memberId, jids, live) ?? []);
}
