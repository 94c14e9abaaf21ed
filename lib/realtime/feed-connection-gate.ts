// Who may open a feed socket: a client address gets so many connection attempts a minute and so
// many sockets open at once, generous enough for a congregation sharing one church network and its
// reconnects after a restart, far too few to exhaust the worker. A refused browser is told in words
// (FEED_BUSY) and tries again later by itself.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export type FeedConnectionLimits = {
  /** Attempts a minute from one address. */
  attemptsPerMinute: number;
  /** Sockets open at once from one address. */
  openPerAddress: number;
};

export const FEED_CONNECTION_LIMITS: FeedConnectionLimits = { attemptsPerMinute: 300, openPerAddress: 500 };

export type FeedConnectionGate = {
  /** Takes one attempt; false when this address has none left or too many sockets open. */
  admit(address: string): Promise<boolean>;
  opened(address: string): void;
  closed(address: string): void;
};

export function createFeedConnectionGate(limits: FeedConnectionLimits = FEED_CONNECTION_LIMITS): FeedConnectionGate {
  const attempts = new RateLimiterMemory({ keyPrefix: "feed-connections", points: limits.attemptsPerMinute, duration: 60 });
  const open = new Map<string, number>();
  return {
    async admit(address) {
      if ((open.get(address) ?? 0) >= limits.openPerAddress) return false;
      try {
        await attempts.consume(address);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },
    opened(address) {
      open.set(address, (open.get(address) ?? 0) + 1);
    },
    closed(address) {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    },
  };
}
