// Short-lived tokens that tell the worker's presence feed who a browser's viewer is: the board signs
// one for every (re)connect with the secret both processes share, and the feed trusts nothing else.
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import type { Result } from "@/lib/members/create-member";

export const FEED_TOKEN_AUDIENCE = "narthex-feed";
export const FEED_TOKEN_ISSUER = "narthex-board";
/**
 * Long enough that reconnecting to re-prove who is watching (when it runs out) is rare, short enough
 * that a leaked token is soon worthless and a signed-out tab soon becomes a visitor's.
 */
export const FEED_TOKEN_TTL_SECONDS = 600;
/** The board and the worker usually share a clock; allow a little drift between hosts. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** What the token carries: a member's id, or nothing for a visitor (a `Viewer` fits). */
export type FeedViewer = { kind: "visitor" } | { kind: "member"; id: string };

const claimsSchema = z.object({ sub: z.string().min(1).max(64).optional() });

const key = (secret: string) => new TextEncoder().encode(secret);
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export async function signFeedToken(secret: string, viewer: FeedViewer, { now = new Date() }: { now?: Date } = {}): Promise<string> {
  const token = new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(FEED_TOKEN_AUDIENCE)
    .setIssuer(FEED_TOKEN_ISSUER)
    .setIssuedAt(seconds(now))
    .setExpirationTime(seconds(now) + FEED_TOKEN_TTL_SECONDS);
  if (viewer.kind === "member") token.setSubject(viewer.id);
  return token.sign(key(secret));
}

/** The member a token names (`null`: a visitor's token), or why it is refused. */
export async function verifyFeedToken(
  secret: string,
  token: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<Result<{ memberId: string | null; expiresAt: Date }>> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ["HS256"],
      audience: FEED_TOKEN_AUDIENCE,
      issuer: FEED_TOKEN_ISSUER,
      requiredClaims: ["exp", "iat"],
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: FEED_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
    });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, error: "The feed token names no valid member." };
    return { ok: true, value: { memberId: claims.data.sub ?? null, expiresAt: new Date((payload.exp ?? 0) * 1000) } };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, error: "The feed token has expired." };
    return { ok: false, error: "The feed token is not valid." };
  }
}
