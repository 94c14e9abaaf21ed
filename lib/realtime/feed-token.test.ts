import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { FEED_TOKEN_AUDIENCE, FEED_TOKEN_ISSUER, signFeedToken, verifyFeedToken } from "@/lib/realtime/feed-token";

const SECRET = "feed-secret-for-unit-tests-0123456789";
const member = { kind: "member", id: "member-1" } as const;

describe("feed tokens", () => {
  it("name the member they were signed for, and nobody for a visitor", async () => {
    const now = new Date("2026-03-01T12:00:00Z");
    const expiresAt = new Date("2026-03-01T12:10:00Z");
    expect(await verifyFeedToken(SECRET, await signFeedToken(SECRET, member, { now }), { now })).toEqual({ ok: true, value: { memberId: "member-1", expiresAt } });
    expect(await verifyFeedToken(SECRET, await signFeedToken(SECRET, { kind: "visitor" }, { now }), { now })).toEqual({ ok: true, value: { memberId: null, expiresAt } });
  });

  it("are refused once ten minutes have passed", async () => {
    const signedAt = new Date("2026-03-01T12:00:00Z");
    const token = await signFeedToken(SECRET, member, { now: signedAt });
    expect((await verifyFeedToken(SECRET, token, { now: new Date("2026-03-01T12:09:50Z") })).ok).toBe(true);
    expect(await verifyFeedToken(SECRET, token, { now: new Date("2026-03-01T12:10:30Z") })).toEqual({ ok: false, error: "The feed token has expired." });
  });

  it("are refused when signed with another secret, altered or not a token at all", async () => {
    const token = await signFeedToken(SECRET, member);
    expect((await verifyFeedToken("another-secret-of-sufficient-length-000", token)).ok).toBe(false);
    const [header, , signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "admin", aud: FEED_TOKEN_AUDIENCE, iss: FEED_TOKEN_ISSUER, iat: 1, exp: 9_999_999_999 })).toString("base64url");
    expect((await verifyFeedToken(SECRET, `${header}.${forged}.${signature}`)).ok).toBe(false);
    expect((await verifyFeedToken(SECRET, "not a token")).ok).toBe(false);
  });

  it("are refused when meant for another audience or issuer, or unsigned", async () => {
    const key = new TextEncoder().encode(SECRET);
    const now = Math.floor(Date.now() / 1000);
    const other = await new SignJWT({ sub: "member-1" })
      .setProtectedHeader({ alg: "HS256" })
      .setAudience("someone-else")
      .setIssuer(FEED_TOKEN_ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(key);
    expect((await verifyFeedToken(SECRET, other)).ok).toBe(false);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ sub: "member-1", aud: FEED_TOKEN_AUDIENCE, iss: FEED_TOKEN_ISSUER, iat: now, exp: now + 60 })).toString("base64url")}.`;
    expect((await verifyFeedToken(SECRET, unsigned)).ok).toBe(false);
  });

  it("are refused without an expiry", async () => {
    const token = await new SignJWT({ sub: "member-1" })
      .setProtectedHeader({ alg: "HS256" })
      .setAudience(FEED_TOKEN_AUDIENCE)
      .setIssuer(FEED_TOKEN_ISSUER)
      .setIssuedAt()
      .sign(new TextEncoder().encode(SECRET));
    expect((await verifyFeedToken(SECRET, token)).ok).toBe(false);
  });
});
