// Rate limits for what people can hammer: sign-in, sign-up, link codes and posting. Counters live in the
// board's process (rate-limiter-flexible's memory store); the limits are per key (email, address,
// member) and reset by themselves.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

const limiters = {
  /** Wrong or right, per email: enough for typos, far too few for guessing. */
  signInPerEmail: new RateLimiterMemory({ keyPrefix: "sign-in-email", points: 8, duration: 15 * 60 }),
  signInPerAddress: new RateLimiterMemory({ keyPrefix: "sign-in-address", points: 30, duration: 15 * 60 }),
  signUpPerAddress: new RateLimiterMemory({ keyPrefix: "sign-up-address", points: 10, duration: 60 * 60 }),
  /** Everyone together: a backstop where addresses cannot be told apart (no proxy in front). */
  signUpEverywhere: new RateLimiterMemory({ keyPrefix: "sign-up-everywhere", points: 60, duration: 60 * 60 }),
  /** Links started and new codes asked for, per member. */
  linkCodesPerMember: new RateLimiterMemory({ keyPrefix: "link-codes", points: 5, duration: 15 * 60 }),
  codeGuessesPerMember: new RateLimiterMemory({ keyPrefix: "code-guesses", points: 20, duration: 15 * 60 }),
  /** Posts and replies together, per member: a busy conversation fits, a flood does not. */
  postingPerMember: new RateLimiterMemory({ keyPrefix: "posting", points: 10, duration: 10 * 60 }),
} as const;

export type RateLimit = keyof typeof limiters;

/** Takes one attempt; says how long to wait when none is left. */
export async function takeAttempt(limit: RateLimit, key: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  try {
    await limiters[limit].consume(key);
    return { ok: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    throw error;
  }
}

/** "Please wait 3 minutes and try again." */
export function waitMessage(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return retryAfterSeconds < 60
    ? `Too many attempts. Please wait ${retryAfterSeconds} seconds and try again.`
    : `Too many attempts. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`;
}
