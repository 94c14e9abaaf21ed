// A member's presence over a window of time as bands, from the stored history of their verified JIDs:
// several JIDs combine as on the live dot (the most reachable state wins, AVAILABILITY_RANK), a JID
// counts only from the moment it was linked, and whatever the history does not tell is "unknown".
// The stored history is followed as it is: the worker writes no row when it loses its own session,
// so a time it was down reads as the last state it stored, up to `knownUntil` (see the loader).
import { AVAILABILITY_RANK, type PresenceState } from "@/lib/presence/states";

export type PresenceBand = { state: PresenceState; from: Date; to: Date };

export type JidHistory = {
  /** When the link was verified: before it, this JID's presence is not the member's. */
  linkedAt: Date;
  /** The JID's state when the window opens (its last change before it), or null when not known. */
  stateAtStart: PresenceState | null;
  /** Its changes inside the window. */
  events: ReadonlyArray<{ toState: PresenceState; occurredAt: Date }>;
};

export type TimelineInput = {
  jids: readonly JidHistory[];
  from: Date;
  to: Date;
  /** Stored presence is believed up to here (the worker's last sign of life); after it, "unknown". */
  knownUntil?: Date;
};

/** The member's bands from `from` to `to`, in order, adjacent equal states merged, none empty. */
export function presenceTimeline({ jids, from, to, knownUntil = to }: TimelineInput): PresenceBand[] {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return [];
  const known = Math.min(Math.max(knownUntil.getTime(), start), end);
  const histories = jids.map((jid) => ({
    linkedAt: jid.linkedAt.getTime(),
    stateAtStart: jid.stateAtStart ?? ("unknown" as const),
    // Delay stamps (XEP-0203) may put a later row earlier; a stable sort keeps rows of one moment in order.
    events: jid.events
      .map((event) => ({ state: event.toState, at: event.occurredAt.getTime() }))
      .filter((event) => event.at < known)
      .sort((a, b) => a.at - b.at),
  }));
  const moments = [start, known, end, ...histories.flatMap((jid) => [jid.linkedAt, ...jid.events.map((event) => event.at)])];
  const cuts = [...new Set(moments.filter((moment) => moment >= start && moment <= end))].sort((a, b) => a - b);

  const bands: PresenceBand[] = [];
  for (const [index, cut] of cuts.entries()) {
    const next = cuts[index + 1];
    if (next === undefined) break;
    const state = cut >= known ? "unknown" : memberStateAt(histories, cut);
    const last = bands.at(-1);
    if (last && last.state === state) last.to = new Date(next);
    else bands.push({ state, from: new Date(cut), to: new Date(next) });
  }
  return bands;
}

type History = { linkedAt: number; stateAtStart: PresenceState; events: Array<{ state: PresenceState; at: number }> };

function memberStateAt(histories: readonly History[], moment: number): PresenceState {
  let best: PresenceState | null = null;
  for (const jid of histories) {
    if (moment < jid.linkedAt) continue;
    const state = jid.events.findLast((event) => event.at <= moment)?.state ?? jid.stateAtStart;
    if (best === null || AVAILABILITY_RANK[state] > AVAILABILITY_RANK[best]) best = state;
  }
  return best ?? "unknown";
}
