import { describe, expect, it } from "vitest";
import { CODE_TTL_MS, MAX_CODE_ATTEMPTS } from "@/lib/jabber-links/link-code";
import { describeLinkState, isPendingLinkFresh, type LinkFacts } from "@/lib/jabber-links/link-state";

const NOW = new Date("2026-11-24T12:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);
const link = (overrides: Partial<LinkFacts> = {}): LinkFacts => ({
  jid: "alice@example.org",
  verifiedAt: null,
  codeHash: null,
  codeExpiresAt: null,
  codeAttempts: 0,
  codeSentAt: null,
  failureReason: null,
  ...overrides,
});
const waiting = link({ codeHash: "h", codeExpiresAt: later(CODE_TTL_MS), codeSentAt: NOW });

describe("describeLinkState", () => {
  it("says a code is on its way before the worker has sent it", () => {
    expect(describeLinkState(link(), null, NOW)).toEqual({ state: "sending-code", words: "Sending a code to alice@example.org by chat." });
  });

  it("waits for the code that was sent", () => {
    expect(describeLinkState(waiting, null, NOW)).toEqual({ state: "waiting-for-code", words: "Waiting for the code we sent to alice@example.org by chat." });
  });

  it("asks for a new code once the code expired or was guessed at too often", () => {
    expect(describeLinkState(waiting, null, later(CODE_TTL_MS)).state).toBe("code-expired");
    expect(describeLinkState(waiting, null, later(CODE_TTL_MS)).words).toMatch(/expired\. Ask for a new one\.$/);
    expect(describeLinkState({ ...waiting, codeAttempts: MAX_CODE_ATTEMPTS }, null, NOW)).toEqual({
      state: "too-many-attempts",
      words: "Too many wrong codes. Ask for a new one.",
    });
  });

  it("says why linking failed", () => {
    const failed = link({ ...waiting, failureReason: "the server example.net could not be reached" });
    expect(describeLinkState(failed, null, NOW)).toEqual({ state: "failed", words: "Failed: the server example.net could not be reached." });
  });

  it("waits for the member's client after the code, and is linked once presence flows", () => {
    const verified = link({ verifiedAt: NOW });
    expect(describeLinkState(verified, null, NOW).state).toBe("waiting-for-approval");
    expect(describeLinkState(verified, { subscription: "from" }, NOW)).toEqual({
      state: "waiting-for-approval",
      words: "Waiting for your Jabber client to approve Narthex's subscription request.",
    });
    expect(describeLinkState(verified, { subscription: "to" }, NOW)).toEqual({ state: "linked", words: "Linked." });
    expect(describeLinkState(verified, { subscription: "both" }, NOW).state).toBe("linked");
  });

  it("never calls an unproven JID linked, whatever the roster says", () => {
    expect(describeLinkState(waiting, { subscription: "both" }, NOW).state).toBe("waiting-for-code");
  });
});

describe("isPendingLinkFresh", () => {
  const created = { verifiedAt: null, createdAt: NOW, codeSentAt: null, failureReason: null };
  it("holds the JID for the life of a code, counted from the last code sent", () => {
    expect(isPendingLinkFresh(created, later(CODE_TTL_MS - 1))).toBe(true);
    expect(isPendingLinkFresh(created, later(CODE_TTL_MS))).toBe(false);
    expect(isPendingLinkFresh({ ...created, codeSentAt: later(CODE_TTL_MS) }, later(CODE_TTL_MS + 1))).toBe(true);
  });
  it("lets a failed attempt go at once and never a verified link", () => {
    expect(isPendingLinkFresh({ ...created, failureReason: "x" }, NOW)).toBe(false);
    expect(isPendingLinkFresh({ ...created, verifiedAt: NOW }, later(10 * CODE_TTL_MS))).toBe(true);
  });
});
