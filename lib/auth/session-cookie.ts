// The name of the session cookie, ours rather than Auth.js's default so that the board's routing
// (next.config.ts: a request without it is a visitor's; proxy.ts checks one with it) and Auth.js
// (lib/auth/auth.ts) cannot drift apart. Auth.js splits a cookie too large for one into `<name>.0`, `<name>.1`, … .
export const SESSION_COOKIE = "narthex.session";

/** Every name a session may arrive under. */
export const SESSION_COOKIE_NAMES = [SESSION_COOKIE, `${SESSION_COOKIE}.0`] as const;
