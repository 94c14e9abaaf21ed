// Prisma adapter for presence: commits aggregates (current row + history row, only when
// decidePresenceChange says so), several contacts' in one transaction so that they share its lock,
// lease check and commit.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Fence } from "@/worker/worker-lease";
import type { AggregatePresence } from "@/lib/presence/aggregate-presence";
import { decidePresenceChange, type CurrentPresence, type PresenceChange } from "@/lib/presence/decide-presence-change";

/** One contact's aggregate to store, dated by when its change began. */
export type PresenceToStore = { bareJid: string; aggregate: AggregatePresence; now: Date; delay?: Date | null };

export async function commitPresence(
  db: Db,
  bareJid: string,
  aggregate: AggregatePresence,
  options: { now: Date; delay?: Date | null; fence?: Fence },
): Promise<PresenceChange> {
  const [change] = await commitPresences(db, [{ bareJid, aggregate, now: options.now, delay: options.delay }], { fence: options.fence });
  return change ?? { kind: "none" };
}

/**
 * Stores the aggregates of distinct contacts in one transaction, all or nothing; returns each one's
 * change, in the order given. History rows are written in that order.
 */
export async function commitPresences(db: Db, items: readonly PresenceToStore[], options: { fence?: Fence } = {}): Promise<PresenceChange[]> {
  const jids = new Set(items.map((item) => item.bareJid));
  if (jids.size !== items.length) throw new Error("commitPresences takes one aggregate per contact");
  const commit = async (tx: Prisma.TransactionClient): Promise<PresenceChange[]> => {
    const rows = await tx.presence.findMany({ where: { bareJid: { in: [...jids] } } });
    const stored = new Map<string, CurrentPresence>(rows.map((row) => [row.bareJid, row]));
    const changes = items.map((item) => decidePresenceChange(stored.get(item.bareJid) ?? null, item.aggregate, { now: item.now, delay: item.delay }));
    const rowsToWrite: Prisma.PresenceCreateManyInput[] = [];
    const events: Prisma.PresenceEventCreateManyInput[] = [];
    for (const [index, change] of changes.entries()) {
      if (change.kind === "none") continue;
      const bareJid = items[index]!.bareJid;
      const { next } = change;
      rowsToWrite.push({
        bareJid,
        state: next.state,
        statusText: next.statusText,
        resourceCount: next.resourceCount,
        priority: next.priority,
        idleSince: next.idleSince,
        since: next.since,
        lastSeenAt: next.lastSeenAt,
      });
      if (change.kind === "history") {
        events.push({ bareJid, fromState: change.from, toState: next.state, statusText: next.statusText, resourceCount: next.resourceCount, occurredAt: change.at });
      }
    }
    if (rowsToWrite.length > 0) {
      // Replaced whole, in two statements whatever their number (an upsert is one statement per row,
      // and each statement is a round trip). Nothing refers to these rows; readers see old or new.
      await tx.presence.deleteMany({ where: { bareJid: { in: rowsToWrite.map((row) => row.bareJid) } } });
      await tx.presence.createMany({ data: rowsToWrite });
    }
    if (events.length > 0) await tx.presenceEvent.createMany({ data: events });
    return changes;
  };
  // Fenced by the worker lease: a worker replaced by another stores nothing more.
  return options.fence ? options.fence(db, commit) : db.$transaction(commit);
}

/** The members (if any) whose verified links are these JIDs, each once. */
export async function memberIdsForJids(db: Db, bareJids: readonly string[]): Promise<string[]> {
  if (bareJids.length === 0) return [];
  const links = await db.jabberLink.findMany({ where: { jid: { in: [...bareJids] }, verifiedAt: { not: null } }, select: { memberId: true } });
  return [...new Set(links.map((link) => link.memberId))];
}
