// Reads what an audience may see of members' presence, for pages rendered on the server, the
// worker's socket.io feed and the bot's `who` alike.
import type { Db } from "@/lib/db/client";
import { memberPresence, type MemberPresenceView, type StoredPresence } from "@/lib/presence/member-presence";
import { visibilitiesFor, type Audience } from "@/lib/presence/visibility";

/**
 * Views of the given members (all members with a verified JID when `memberIds` is omitted) that the
 * audience may see. Anyone else has no view at all: exactly like a member without a Jabber ID.
 */
export async function loadMemberViews(
  db: Db,
  live: boolean,
  { audience, memberIds }: { audience: Audience; memberIds?: string[] },
): Promise<MemberPresenceView[]> {
  const links = await db.jabberLink.findMany({
    where: {
      verifiedAt: { not: null },
      member: { suspendedAt: null, presenceVisibility: { in: visibilitiesFor(audience) } },
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
