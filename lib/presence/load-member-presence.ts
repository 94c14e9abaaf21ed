// What a server-rendered page shows of its members' presence: whether the feed is live (and why not,
// in words), and one view per member with a verified Jabber ID. Greyed to "unknown" when not live.
import type { Db } from "@/lib/db/client";
import { loadMemberViews } from "@/lib/presence/load-member-views";
import { isPresenceLive, type MemberPresenceView } from "@/lib/presence/member-presence";
import type { FeedStatus } from "@/lib/realtime/events";
import type { Audience } from "@/lib/presence/visibility";

export type MemberPresenceLoad = {
  /** Whose view this is: the browser's feed must follow the same audience. */
  audience: Audience;
  live: boolean;
  /** Why live presence is paused, for people; null while live. */
  reason: string | null;
  /** Members without a verified Jabber ID have no entry (and get no dot). */
  byMember: Map<string, MemberPresenceView>;
};

export type WorkerStateRow = { xmppStatus: string; detail: string | null; heartbeatAt: Date } | null;

/** Sentences, like the reasons the worker records and pushes itself. */
export const PAUSED_REASONS = {
  notRunning: "The presence service is not running.",
  // Not "stopped": a worker whose database refuses its writes is running but cannot say so.
  stale: "The presence service has not reported in for a while.",
  notConnected: "The presence service is not connected to the XMPP server.",
} as const;

/**
 * Decides from the worker's row whether stored presence can be shown. A stale heartbeat wins over the
 * recorded status: a worker that died while "connecting" left that status behind.
 */
export function feedStatusFromWorker(worker: WorkerStateRow, now: Date = new Date()): FeedStatus {
  if (isPresenceLive(worker, now)) return { live: true, reason: null };
  if (!worker || worker.xmppStatus === "stopped") return { live: false, reason: PAUSED_REASONS.notRunning };
  if (!isPresenceLive({ xmppStatus: "online", heartbeatAt: worker.heartbeatAt }, now)) return { live: false, reason: PAUSED_REASONS.stale };
  // The worker's own words (it records its paused reason as `detail`), else the general one.
  return { live: false, reason: worker.detail?.trim() || PAUSED_REASONS.notConnected };
}

export async function loadMemberPresence(db: Db, memberIds: string[], audience: Audience, now: Date = new Date()): Promise<MemberPresenceLoad> {
  const worker = await db.workerState.findUnique({
    where: { id: 1 },
    select: { xmppStatus: true, detail: true, heartbeatAt: true },
  });
  const { live, reason } = feedStatusFromWorker(worker, now);
  const ids = [...new Set(memberIds)];
  const views = ids.length === 0 ? [] : await loadMemberViews(db, live, { audience, memberIds: ids });
  return { audience, live, reason, byMember: new Map(views.map((view) => [view.memberId, view])) };
}
