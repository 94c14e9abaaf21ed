// Reads what a profile shows of a member's last days: their bands and the days they fall on. Null
// when the audience may not see the member's presence, or there is none to see (no verified Jabber
// ID, suspended, no such member), so such a profile looks exactly like one without a Jabber ID.
import type { Db } from "@/lib/db/client";
import { historyDays, type HistoryDay } from "@/lib/presence-history/presence-days";
import { presenceTimeline, type JidHistory, type PresenceBand } from "@/lib/presence-history/presence-timeline";
import { isPresenceLive } from "@/lib/presence/member-presence";
import { canViewPresence, type Audience } from "@/lib/presence/visibility";

export type PresenceHistory = { days: HistoryDay[]; bands: PresenceBand[] };

export async function loadPresenceHistory(db: Db, audience: Audience, handle: string, now: Date = new Date()): Promise<PresenceHistory | null> {
  const member = await db.member.findUnique({
    where: { handle },
    select: { suspendedAt: true, presenceVisibility: true, jabberIds: { where: { verifiedAt: { not: null } }, select: { jid: true, verifiedAt: true } } },
  });
  if (!member || member.suspendedAt || !canViewPresence(audience, member.presenceVisibility) || member.jabberIds.length === 0) return null;

  const days = historyDays(now);
  const from = days[0]!.start;
  const jids = member.jabberIds.map((link) => link.jid);
  // Both read through the (bareJid, occurredAt) index: the window's rows, and per JID the last row before it.
  const [events, presence, worker, ...before] = await Promise.all([
    db.presenceEvent.findMany({
      where: { bareJid: { in: jids }, occurredAt: { gte: from, lte: now } },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      select: { bareJid: true, fromState: true, toState: true, occurredAt: true },
    }),
    db.presence.findMany({ where: { bareJid: { in: jids } }, select: { bareJid: true, state: true, since: true } }),
    db.workerState.findUnique({ where: { id: 1 }, select: { xmppStatus: true, heartbeatAt: true, xmppDownSince: true } }),
    ...jids.map((jid) =>
      db.presenceEvent.findFirst({
        where: { bareJid: jid, occurredAt: { lt: from } },
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        select: { toState: true },
      }),
    ),
  ]);

  const histories = member.jabberIds.map((link, index): JidHistory => {
    const current = presence.find((row) => row.bareJid === link.jid);
    const own = events.filter((event) => event.bareJid === link.jid);
    // With no row before the window (none yet, or removed by retention), the window's first change
    // still says what it changed from, and the current row what held before it if it began earlier.
    const stateAtStart = before[index]?.toState ?? own[0]?.fromState ?? (current && current.since <= from ? current.state : null);
    return { linkedAt: link.verifiedAt!, stateAtStart, events: own };
  });
  // Stored presence is not believed past the moment the worker stopped following it: its XMPP session
  // went down (the worker beats on meanwhile), or its last heartbeat if it stopped or died.
  const knownUntil = isPresenceLive(worker, now) ? now : earliest(worker?.heartbeatAt ?? from, worker?.xmppDownSince ?? null);
  return { days, bands: presenceTimeline({ jids: histories, from, to: now, knownUntil }) };
}

function earliest(a: Date, b: Date | null): Date {
  return b && b < a ? b : a;
}
