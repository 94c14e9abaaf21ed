import { describe, expect, it } from "vitest";
import { accountSummaryOf } from "@/lib/auth/account-summary";
import { VISITOR, type MemberViewer } from "@/lib/auth/viewer";

const member = (role: MemberViewer["role"]): MemberViewer => ({ kind: "member", id: "m1", handle: "ruth", displayName: "Ruth <b>O</b>", role });

describe("accountSummaryOf", () => {
  it("says a visitor is not signed in, and nothing else", () => {
    expect(accountSummaryOf(VISITOR)).toEqual({ signedIn: false });
  });

  it("opens the console to moderators and categories to administrators only", () => {
    expect(accountSummaryOf(member("member"))).toEqual({ signedIn: true, displayName: "Ruth <b>O</b>", moderator: false, admin: false });
    expect(accountSummaryOf(member("moderator"))).toMatchObject({ moderator: true, admin: false });
    expect(accountSummaryOf(member("admin"))).toMatchObject({ moderator: true, admin: true });
  });
});
