// Prisma adapter for presence: commits an aggregate (current row + history row in one transaction,
// only when decidePresenceChange says so) and reads member-level views for the realtime feed.
import type { Db } from "@/lib/db/client";
import type { AggregatePresence } from "@/lib/presence/aggregate-presence";
import { decidePresenceChange, type CurrentPresence, type PresenceChange } from "@/lib/presence/decide-presence-change";
import { memberPresence, type MemberPresenceView, type StoredPresence } from "@/lib/presence/member-presence";

export async function commitPresence(
  db: Db,
  bareJid: string,
  aggregate: AggregatePresence,
  options: { now: Date; delay?: Date | null },
): Promise<PresenceChange> {
  return db.$transaction(async (tx) => {
    const row = await tx.presence.findUnique({ where: { bareJid } });
    const previous: CurrentPresence | null = row;
    const change = decidePresenceChange(previous, aggregate, options);
    if (change.kind === "none") return change;
    const { next } = change;
    const data = {
      state: next.state,
      statusText: next.statusText,
      resourceCount: next.resourceCount,
      priority: next.priority,
      idleSince: next.idleSince,
      since: next.since,
      lastSeenAt: next.lastSeenAt,
    };
    await tx.presence.upsert({ where: { bareJid }, create: { bareJid, ...data }, update: data });
    if (change.kind === "history") {
      await tx.presenceEvent.create({
        data: {
          bareJid,
          fromState: change.from,
          toState: next.state,
          statusText: next.statusText,
          resourceCount: next.resourceCount,
          occurredAt: change.at,
        },
      });
    }
    return change;
  });
}

/** The member (if any) whose verified link is this JID. */
export async function memberIdForJid(db: Db, bareJid: string): Promise<string | null> {
  const link = await db.jabberLink.findUnique({ where: { jid: bareJid }, select: { memberId: true, verifiedAt: true } });
  return link?.verifiedAt ? link.memberId : null;
}

/** Views of the given members (all members with a verified JID when `memberIds` is omitted). */
export async function loadMemberViews(db: Db, live: boolean, memberIds?: string[]): Promise<MemberPresenceView[]> {
  const links = await db.jabberLink.findMany({
    where: { verifiedAt: { not: null }, member: { suspendedAt: null }, ...(memberIds ? { memberId: { in: memberIds } } : {}) },
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
