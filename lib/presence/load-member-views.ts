// Reads what an audience may see of members' presence, for pages rendered on the server, the
// worker's socket.io feed and the bot's `who` alike.
import type { Db } from "@/lib/db/client";
import type { PresenceVisibility } from "@/lib/generated/prisma/enums";
import { memberPresence, type MemberPresenceView, type StoredPresence } from "@/lib/presence/member-presence";
import { AUDIENCES, visibilitiesFor, type Audience } from "@/lib/presence/visibility";

export type MemberViewRead = { view: MemberPresenceView; visibility: PresenceVisibility };

/** Every visibility some audience may see: what the feed reads before deciding who receives it. */
const VISIBLE_TO_SOME_AUDIENCE = [...new Set(AUDIENCES.flatMap(visibilitiesFor))];

/**
 * Views of the given members (all members with a verified JID when `memberIds` is omitted) that the
 * audience may see. Anyone else has no view at all: exactly like a member without a Jabber ID.
 */
export async function loadMemberViews(
  db: Db,
  live: boolean,
  { audience, memberIds }: { audience: Audience; memberIds?: string[] },
): Promise<MemberPresenceView[]> {
  const reads = await readMemberViews(db, live, { visibilities: visibilitiesFor(audience), memberIds });
  return reads.map((read) => read.view);
}

/**
 * One member's view and visibility, read once for every audience: the feed decides with
 * `canViewPresence` which audiences receive it. Null when no audience may see the member.
 */
export async function loadMemberView(db: Db, live: boolean, memberId: string): Promise<MemberViewRead | null> {
  const [read] = await readMemberViews(db, live, { visibilities: VISIBLE_TO_SOME_AUDIENCE, memberIds: [memberId] });
  return read ?? null;
}

/** Several members' views at once (two queries), as `loadMemberView` reads one; those nobody may see are left out. */
export async function loadMemberViewsOf(db: Db, live: boolean, memberIds: readonly string[]): Promise<MemberViewRead[]> {
  if (memberIds.length === 0) return [];
  return readMemberViews(db, live, { visibilities: VISIBLE_TO_SOME_AUDIENCE, memberIds: [...memberIds] });
}

/** Two queries whatever the number of members: their verified links, then those JIDs' presence. */
async function readMemberViews(
  db: Db,
  live: boolean,
  { visibilities, memberIds }: { visibilities: PresenceVisibility[]; memberIds?: string[] },
): Promise<MemberViewRead[]> {
  const links = await db.jabberLink.findMany({
    where: {
      verifiedAt: { not: null },
      member: { suspendedAt: null, presenceVisibility: { in: visibilities } },
      ...(memberIds ? { memberId: { in: memberIds } } : {}),
    },
    select: { memberId: true, jid: true, createdAt: true, member: { select: { presenceVisibility: true } } },
  });
  const rows = await db.presence.findMany({ where: { bareJid: { in: links.map((link) => link.jid) } } });
  const byJid = new Map(rows.map((row) => [row.bareJid, row]));
  const byMember = new Map<string, { visibility: PresenceVisibility; jids: StoredPresence[] }>();
  for (const link of links) {
    const stored = byJid.get(link.jid) ?? noPresenceYet(link.jid, link.createdAt);
    const jids = byMember.get(link.memberId)?.jids ?? [];
    byMember.set(link.memberId, { visibility: link.member.presenceVisibility, jids: [...jids, stored] });
  }
  return [...byMember].flatMap(([memberId, { visibility, jids }]) => {
    const view = memberPresence(memberId, jids, live);
    return view ? [{ view, visibility }] : [];
  });
}

/** A verified JID the worker has stored nothing for yet: unknown since it was linked. */
export function noPresenceYet(jid: string, linkedAt: Date): StoredPresence {
  return { bareJid: jid, state: "unknown", statusText: null, since: linkedAt, idleSince: null, lastSeenAt: null };
}
