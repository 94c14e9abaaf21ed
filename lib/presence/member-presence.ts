// What a viewer sees of a member: the best of the member's linked JIDs, greyed to "unknown" whenever
// the worker's XMPP session is not live (never a stale green).
import type { z } from "zod";
import { chatUri } from "@/lib/jid";
import type { memberPresenceViewSchema } from "@/lib/realtime/events";
import { pausedView } from "@/lib/presence/paused-view";
import { AVAILABILITY_RANK, isOnlineState, type PresenceState } from "@/lib/presence/states";

export type StoredPresence = {
  bareJid: string;
  state: PresenceState;
  statusText: string | null;
  since: Date;
  idleSince: Date | null;
  lastSeenAt: Date | null;
};

/** The member-level view pushed to browsers and rendered on the server (JSON-safe). */
export type MemberPresenceView = z.infer<typeof memberPresenceViewSchema>;

/** Picks the member's most reachable JID; ties go to the most recent change. */
export function memberPresence(memberId: string, jids: readonly StoredPresence[], live: boolean): MemberPresenceView | null {
  if (jids.length === 0) return null;
  const best = [...jids].sort(
    (a, b) => AVAILABILITY_RANK[b.state] - AVAILABILITY_RANK[a.state] || b.since.getTime() - a.since.getTime(),
  )[0]!;
  const lastSeen = jids
    .map((jid) => jid.lastSeenAt?.getTime() ?? 0)
    .reduce((latest, time) => Math.max(latest, time), 0);
  const view: MemberPresenceView = {
    memberId,
    state: best.state,
    statusText: best.statusText,
    since: best.since.toISOString(),
    idleSince: best.idleSince?.toISOString() ?? null,
    lastSeenAt: lastSeen ? new Date(lastSeen).toISOString() : null,
    chatUri: isOnlineState(best.state) ? chatUri(best.bareJid) : null,
  };
  return live ? view : pausedView(view);
}

/** How long a worker heartbeat stays believable. The worker beats every HEARTBEAT_INTERVAL_MS. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_STALE_MS = 3 * HEARTBEAT_INTERVAL_MS;

export type WorkerHealth = { xmppStatus: string; heartbeatAt: Date } | null;

/** True when the worker is running and its XMPP session is up, so stored presence can be trusted. */
export function isPresenceLive(health: WorkerHealth, now: Date = new Date()): boolean {
  if (!health || health.xmppStatus !== "online") return false;
  return now.getTime() - health.heartbeatAt.getTime() <= HEARTBEAT_STALE_MS;
}
