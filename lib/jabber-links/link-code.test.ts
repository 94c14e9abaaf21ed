import { describe, expect, it } from "vitest";
import {
  CODE_TTL_MS,
  MAX_CODE_ATTEMPTS,
  checkLinkCode,
  findCodeInText,
  generateLinkCode,
  hashLinkCode,
  normaliseCodeInput,
  type PendingCode,
} from "@/lib/jabber-links/link-code";

const JID = "alice@example.org";
const KEY = "link-code-key-for-unit-tests-0123456789";
const NOW = new Date("2026-11-24T12:00:00Z");

function pending(code: string, overrides: Partial<PendingCode> = {}): PendingCode {
  return { jid: JID, codeHash: hashLinkCode(KEY, JID, code), codeExpiresAt: new Date(NOW.getTime() + CODE_TTL_MS), codeAttempts: 0, ...overrides };
}

describe("generateLinkCode", () => {
  it("shows eight unambiguous characters in two groups", () => {
    for (let i = 0; i < 200; i++) expect(generateLinkCode()).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}$/);
  });

  it("does not repeat itself", () => {
    const codes = new Set(Array.from({ length: 1000 }, generateLinkCode));
    expect(codes.size).toBe(1000);
  });
});

describe("normaliseCodeInput", () => {
  it("accepts any case, spaces, dashes and look-alike letters", () => {
    expect(normaliseCodeInput("k7qf-92xm")).toBe("K7QF92XM");
    expect(normaliseCodeInput("  K7QF 92XM ")).toBe("K7QF92XM");
    expect(normaliseCodeInput("KOQF-I2LM")).toBe("K0QF121M");
  });

  it("refuses the wrong length or letters a code never has", () => {
    expect(normaliseCodeInput("K7QF-92X")).toBeNull();
    expect(normaliseCodeInput("K7QF-92XMM")).toBeNull();
    expect(normaliseCodeInput("K7QF-92XU")).toBeNull();
    expect(normaliseCodeInput("K7QF<92XM")).toBeNull();
  });
});

describe("hashLinkCode", () => {
  it("binds the code to the JID and ignores how it was typed", () => {
    expect(hashLinkCode(KEY, JID, "k7qf 92xm")).toBe(hashLinkCode(KEY, JID, "K7QF-92XM"));
    expect(hashLinkCode(KEY, JID, "K7QF-92XM")).not.toBe(hashLinkCode(KEY, "bob@example.org", "K7QF-92XM"));
    expect(hashLinkCode(KEY, JID, "K7QF-92XM")).toMatch(/^[0-9a-f]{64}$/);
    // Keyed: without the shared secret a stored hash cannot be searched for the code.
    expect(hashLinkCode("another-key-of-sufficient-length-0000", JID, "K7QF-92XM")).not.toBe(hashLinkCode(KEY, JID, "K7QF-92XM"));
  });
});

describe("checkLinkCode", () => {
  it("accepts the pending code however it is typed", () => {
    expect(checkLinkCode(pending("K7QF-92XM"), "k7qf92xm", NOW, KEY)).toEqual({ kind: "ok" });
  });

  it("counts down the attempts left on a wrong code", () => {
    expect(checkLinkCode(pending("K7QF-92XM"), "AAAA-AAAA", NOW, KEY)).toEqual({ kind: "wrong", attemptsLeft: MAX_CODE_ATTEMPTS - 1 });
    expect(checkLinkCode(pending("K7QF-92XM", { codeAttempts: MAX_CODE_ATTEMPTS - 1 }), "nonsense", NOW, KEY)).toEqual({ kind: "wrong", attemptsLeft: 0 });
  });

  it("refuses even the right code after too many wrong ones, or once expired", () => {
    expect(checkLinkCode(pending("K7QF-92XM", { codeAttempts: MAX_CODE_ATTEMPTS }), "K7QF-92XM", NOW, KEY)).toEqual({ kind: "too-many-attempts" });
    const expired = pending("K7QF-92XM", { codeExpiresAt: NOW });
    expect(checkLinkCode(expired, "K7QF-92XM", NOW, KEY)).toEqual({ kind: "expired" });
  });

  it("says when there is no code at all (never sent, or already used)", () => {
    expect(checkLinkCode({ jid: JID, codeHash: null, codeExpiresAt: null, codeAttempts: 0 }, "K7QF-92XM", NOW, KEY)).toEqual({ kind: "none" });
  });

  it("refuses another JID's code", () => {
    const other = { ...pending("K7QF-92XM"), codeHash: hashLinkCode(KEY, "bob@example.org", "K7QF-92XM") };
    expect(checkLinkCode(other, "K7QF-92XM", NOW, KEY).kind).toBe("wrong");
  });
});

describe("findCodeInText", () => {
  it("finds a code as shown, inside a sentence or a quoted reply", () => {
    expect(findCodeInText("my code is K7QF-92XM thanks")).toBe("K7QF92XM");
    expect(findCodeInText("> Your Narthex code is K7QF-92XM\nhere it is")).toBe("K7QF92XM");
  });

  it("takes a message that is only a code, typed loosely", () => {
    expect(findCodeInText("  k7qf 92xm ")).toBe("K7QF92XM");
    expect(findCodeInText("k7qf92xm")).toBe("K7QF92XM");
  });

  it("does not mistake ordinary words for codes", () => {
    expect(findCodeInText("whatever")).toBeNull();
    expect(findCodeInText("password")).toBeNull();
    expect(findCodeInText("hello there")).toBeNull();
    expect(findCodeInText("ABCDEFGHJ-KMNP")).toBeNull();
  });
});
