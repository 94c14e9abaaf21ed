// Presence states shown by Narthex and the words for them. `available` is RFC 6121's "no <show/>".
export const ONLINE_STATES = ["chat", "available", "away", "xa", "dnd"] as const;
export type OnlineState = (typeof ONLINE_STATES)[number];
export const PRESENCE_STATES = [...ONLINE_STATES, "offline", "unknown"] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

export function isOnlineState(state: PresenceState): state is OnlineState {
  return (ONLINE_STATES as readonly string[]).includes(state);
}

/**
 * How reachable a state is, used to break ties (equal priority between resources, or between a
 * member's several JIDs). Follows the common client convention: free to chat, online, busy (present
 * but not to be disturbed), away, extended away; then unknown (might be online), then offline.
 */
export const AVAILABILITY_RANK: Record<PresenceState, number> = {
  chat: 7,
  available: 6,
  dnd: 5,
  away: 4,
  xa: 3,
  unknown: 2,
  offline: 1,
};

/** Words for each state; the dot's accessible label, so colour is never the only signal. */
export const PRESENCE_LABELS: Record<PresenceState, string> = {
  chat: "Free to chat",
  available: "Online",
  away: "Away",
  xa: "Away for a while",
  dnd: "Busy",
  offline: "Offline",
  unknown: "Unknown",
};
