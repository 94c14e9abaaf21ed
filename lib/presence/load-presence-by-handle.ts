// Presence by handle, for badges and the JSON presence API: what an audience may see of one member
// (or of every member), with their handle and name. One indexed SQL statement per call (member by
// handle, verified links, their stored presence and the worker's heartbeat, joined), because badges
// are fetched by every page that embeds them. A member the audience may not see, a suspended one and
// one without a verified Jabber ID return nothing, through the same statement as an unknown handle:
// neither the answer nor the work done tells them apart.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { noPresenceYet } from "@/lib/presence/load-member-views";
import { isPresenceLive, memberPresence, type MemberPresenceView, type StoredPresence } from "@/lib/presence/member-presence";
import type { PresenceState } from "@/lib/presence/states";
import { visibilitiesFor, type Audience } from "@/lib/presence/visibility";

export type HandlePresence = { handle: string; displayName: string; view: MemberPresenceView };

/** One member's presence as the audience may see it; null exactly when it may see nothing. */
export async function loadPresenceByHandle(db: Db, audience: Audience, handle: string, now: Date = new Date()): Promise<HandlePresence | null> {
  const [found] = await readPresence(db, audience, handle, now);
  return found ?? null;
}

/** Every member the audience may see, by handle. */
export async function loadPresenceOfAll(db: Db, audience: Audience, now: Date = new Date()): Promise<HandlePresence[]> {
  return readPresence(db, audience, null, now);
}

type Row = {
  memberId: string;
  handle: string;
  displayName: string;
  jid: string;
  linkedAt: Date;
  state: PresenceState | null;
  statusText: string | null;
  since: Date | null;
  idleSince: Date | null;
  lastSeenAt: Date | null;
  xmppStatus: string | null;
  heartbeatAt: Date | null;
};

async function readPresence(db: Db, audience: Audience, handle: string | null, now: Date): Promise<HandlePresence[]> {
  // Indexes: Member_handle_key, JabberLink_memberId_idx, the Presence and WorkerState primary keys.
  const rows = await db.$queryRaw<Row[]>`
    SELECT m."id" AS "memberId", m."handle", m."displayName", l."jid", l."createdAt" AS "linkedAt",
           p."state", p."statusText", p."since", p."idleSince", p."lastSeenAt", w."xmppStatus", w."heartbeatAt"
    FROM "Member" m
    JOIN "JabberLink" l ON l."memberId" = m."id" AND l."verifiedAt" IS NOT NULL
    LEFT JOIN "Presence" p ON p."bareJid" = l."jid"
    LEFT JOIN "WorkerState" w ON w."id" = 1
    WHERE m."suspendedAt" IS NULL
      AND m."presenceVisibility" IN (${Prisma.join(visibilitiesFor(audience))})
      ${handle === null ? Prisma.empty : Prisma.sql`AND m."handle" = ${handle}`}
    ORDER BY m."handle", l."jid"`;
  const first = rows[0];
  if (!first) return [];
  const live = isPresenceLive(first.xmppStatus === null || first.heartbeatAt === null ? null : { xmppStatus: first.xmppStatus, heartbeatAt: first.heartbeatAt }, now);

  const members = new Map<string, { handle: string; displayName: string; jids: StoredPresence[] }>();
  for (const row of rows) {
    const member = members.get(row.memberId) ?? { handle: row.handle, displayName: row.displayName, jids: [] };
    member.jids.push(storedPresenceOf(row));
    members.set(row.memberId, member);
  }
  return [...members].flatMap(([memberId, { handle: memberHandle, displayName, jids }]) => {
    const view = memberPresence(memberId, jids, live);
    return view ? [{ handle: memberHandle, displayName, view }] : [];
  });
}

function storedPresenceOf(row: Row): StoredPresence {
  if (row.state === null || row.since === null) return noPresenceYet(row.jid, row.linkedAt);
  return { bareJid: row.jid, state: row.state, statusText: row.statusText, since: row.since, idleSince: row.idleSince, lastSeenAt: row.lastSeenAt };
}
