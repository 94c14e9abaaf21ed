// When the bot's XMPP connection counts as dead. A server that hangs (or a network that silently
// drops packets) closes nothing, and TCP may wait many minutes before it says so; without stream
// management (XEP-0198) only our own traffic can tell. Anything the server sends proves it alive;
// after `pingAfterMs` of silence we ask (XEP-0199 ping), after `deadAfterMs` we give up on the
// connection. The defaults keep detection (plus one check) well inside the product's 5 s promise
// that dots grey out when presence can no longer be known.
export type LivenessOptions = { pingAfterMs: number; deadAfterMs: number };

export const DEFAULT_LIVENESS: LivenessOptions = { pingAfterMs: 1_000, deadAfterMs: 3_500 };

/** How often the connection is judged. */
export const LIVENESS_CHECK_MS = 250;

export type LivenessVerdict = "alive" | "ping" | "dead" | "late";

/**
 * `heardAt`: when the server last sent anything; `checkedAt`: the previous check; `pinging`: a ping
 * is awaiting its answer. A check that runs late means our own event loop was busy, and what the
 * server sent may still sit unread in the socket: "late" starts the silence over instead of
 * blaming the server.
 */
export function judgeLiveness(
  check: { now: number; heardAt: number; checkedAt: number; pinging: boolean },
  options: LivenessOptions = DEFAULT_LIVENESS,
): LivenessVerdict {
  if (check.now - check.checkedAt > 4 * LIVENESS_CHECK_MS) return "late";
  const silentFor = check.now - check.heardAt;
  if (silentFor >= options.deadAfterMs) return "dead";
  if (silentFor >= options.pingAfterMs && !check.pinging) return "ping";
  return "alive";
}
