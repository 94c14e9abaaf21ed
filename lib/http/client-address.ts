// The address to rate-limit a client by: the last X-Forwarded-For entry, which the reverse proxy in
// front of the board and the feed appends and no client can choose; without a proxy, the peer's own
// address when the process has it. Behind no proxy a client could pick its own header entry: run
// both processes behind one (README); per-account and overall limits hold either way.
export function clientAddress(forwardedFor: string | null | undefined, peer?: string): string {
  return forwardedFor?.split(",").at(-1)?.trim() || peer || "local";
}
