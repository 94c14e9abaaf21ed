// Prisma adapter for presence: commits an aggregate (current row + history row in one transaction,
// only when decidePresenceChange says so).
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Fence } from "@/worker/worker-lease";
import type { AggregatePresence } from "@/lib/presence/aggregate-presence";
import { decidePresenceChange, type CurrentPresence, type PresenceChange } from "@/lib/presence/decide-presence-change";

export async function commitPresence(
  db: Db,
  bareJid: string,
  aggregate: AggregatePresence,
  options: { now: Date; delay?: Date | null; fence?: Fence },
): Promise<PresenceChange> {
  const commit = async (tx: Prisma.TransactionClient): Promise<PresenceChange> => {
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
  };
  // Fenced by the worker lease: a worker replaced by another stores nothing more.
  return options.fence ? options.fence(db, commit) : db.$transaction(commit);
}

/** The member (if any) whose verified link is this JID. */
export async function memberIdForJid(db: Db, bareJid: string): Promise<string | null> {
  const link = await db.jabberLink.findUnique({ where: { jid: bareJid }, select: { memberId: true, verifiedAt: true } });
  return link?.verifiedAt ? link.memberId : null;
}
