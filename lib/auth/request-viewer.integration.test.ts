// The proxy's viewer (proxy.ts): whoever a session cookie stands for, re-read from the database on
// every request even though an opened cookie is remembered, so suspension still applies at once.
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viewerOfRequest } from "@/lib/auth/request-viewer";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { VISITOR } from "@/lib/auth/viewer";
import { OPERATOR } from "@/lib/members/member-actor";
import { signUp } from "@/lib/members/sign-up";
import { reinstateMember, suspendMember } from "@/lib/members/suspend-member";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

const SECRET = "a test secret that is long enough for Auth.js";
let temp: TempDatabase;
let memberId = "";

beforeAll(async () => {
  temp = await createTempDatabase("request-viewer");
  const created = await signUp(temp.db, { displayName: "Ruth", email: "ruth@example.org", password: "a long pass phrase" }, { handle: "ruth" });
  if (!created.ok) throw new Error(created.error);
  memberId = created.value.id;
});

afterAll(async () => {
  await temp?.dispose();
});

async function sessionCookie(claims: { sub: string; signedInAt?: number }, maxAge = 3600): Promise<string> {
  return `${SESSION_COOKIE}=${await encode({ token: claims, secret: SECRET, salt: SESSION_COOKIE, maxAge })}`;
}

const requestWith = (cookie?: string) => new Request("http://board.test/", { headers: cookie ? { cookie } : {} });

describe("viewerOfRequest", () => {
  it("is the member for their session, every time it is asked", async () => {
    const cookie = await sessionCookie({ sub: memberId, signedInAt: Math.floor(Date.now() / 1000) });
    for (let i = 0; i < 3; i++) {
      expect(await viewerOfRequest(temp.db, requestWith(cookie), SECRET)).toMatchObject({ kind: "member", id: memberId, handle: "ruth" });
    }
  });

  it("turns a remembered session into a visitor's the moment its member is suspended", async () => {
    const cookie = await sessionCookie({ sub: memberId, signedInAt: Math.floor(Date.now() / 1000) });
    expect(await viewerOfRequest(temp.db, requestWith(cookie), SECRET)).toMatchObject({ kind: "member" });
    const suspended = await suspendMember(temp.db, OPERATOR, { handle: "ruth" });
    expect(suspended.ok).toBe(true);
    expect(await viewerOfRequest(temp.db, requestWith(cookie), SECRET)).toEqual(VISITOR);
    await reinstateMember(temp.db, OPERATOR, { handle: "ruth" });
    // Suspension ended that session for good: reinstatement does not bring it back.
    expect(await viewerOfRequest(temp.db, requestWith(cookie), SECRET)).toEqual(VISITOR);
  });

  it("is a visitor for no cookie, a forged one, one sealed with another secret, and an expired one", async () => {
    const signedInAt = Math.floor(Date.now() / 1000) + 60;
    const other = `${SESSION_COOKIE}=${await encode({ token: { sub: memberId, signedInAt }, secret: "another secret, not the board's own", salt: SESSION_COOKIE })}`;
    for (const cookie of [undefined, `${SESSION_COOKIE}=forged.not.a.jwe.at-all`, other, await sessionCookie({ sub: memberId, signedInAt }, -60)]) {
      expect(await viewerOfRequest(temp.db, requestWith(cookie), SECRET)).toEqual(VISITOR);
    }
  });
});
