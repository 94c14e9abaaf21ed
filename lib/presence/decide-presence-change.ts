// Decides what a new aggregate means for storage: a history row only for a real change (state or
// status text), a quiet update for details (resource count, priority, idle), nothing otherwise —
// so caps-hash updates, repeated presences and the reconnect burst write no history.
import type { AggregatePresence } from "@/lib/presence/aggregate-presence";
import { isOnlineState, type PresenceState } from "@/lib/presence/states";

export type CurrentPresence = {
  state: PresenceState;
  statusText: string | null;
  resourceCount: number;
  priority: number | null;
  idleSince: Date | null;
  since: Date;
  lastSeenAt: Date | null;
};

export type PresenceChange =
  | { kind: "none" }
  | { kind: "update"; next: CurrentPresence }
  | { kind: "history"; from: PresenceState; next: CurrentPresence; at: Date };

/** Clock skew we accept in a delay stamp from the future. */
const MAX_FUTURE_SKEW_MS = 5_000;

export function decidePresenceChange(
  previous: CurrentPresence | null,
  next: AggregatePresence,
  options: { now: Date; delay?: Date | null },
): PresenceChange {
  const from = previous?.state ?? "unknown";
  if (!previous && next.state === "unknown" && next.statusText === null) {
    // A contact we know nothing about yet (e.g. just added to the roster): a row, but no history.
    return { kind: "update", next: { ...next, since: options.now, lastSeenAt: null } };
  }
  const realChange = !previous || previous.state !== next.state || previous.statusText !== next.statusText;
  if (realChange) {
    const at = eventTime(options.delay ?? null, options.now, previous?.since ?? null);
    const stateChanged = from !== next.state;
    return {
      kind: "history",
      from,
      at,
      next: {
        ...next,
        since: stateChanged || !previous ? at : previous.since,
        lastSeenAt: lastSeen(previous, next.state, at),
      },
    };
  }
  const detailsChanged =
    previous.resourceCount !== next.resourceCount ||
    previous.priority !== next.priority ||
    previous.idleSince?.getTime() !== next.idleSince?.getTime();
  if (!detailsChanged) return { kind: "none" };
  return { kind: "update", next: { ...next, since: previous.since, lastSeenAt: lastSeen(previous, next.state, options.now) } };
}

/**
 * When a change happened: the XEP-0203 delay stamp when the server gave a believable one (not in
 * the future, not before the state it replaces began), else the moment we learned of it.
 */
export function eventTime(delay: Date | null, now: Date, previousSince: Date | null): Date {
  if (!delay) return now;
  if (delay.getTime() > now.getTime() + MAX_FUTURE_SKEW_MS) return now;
  if (previousSince && delay.getTime() < previousSince.getTime()) return now;
  return delay.getTime() > now.getTime() ? now : delay;
}

/** Last moment the contact was known online: now while online, the moment it left when it leaves. */
function lastSeen(previous: CurrentPresence | null, state: PresenceState, at: Date): Date | null {
  if (isOnlineState(state)) return at;
  if (previous && isOnlineState(previous.state)) return at;
  return previous?.lastSeenAt ?? null;
}
