import { describe, expect, it } from "vitest";
import { codeMessage, codeReply, helpReply, readChatIntent, statusReply, unknownReply, whoReply } from "@/lib/bot/answer-chat";

describe("readChatIntent", () => {
  it.each([
    ["help", "help"],
    ["  HELP  ", "help"],
    ["/help", "help"],
    ["Who?", "who"],
    ["who", "who"],
    ["Status", "status"],
    ["status.", "status"],
  ])("reads %j as %s", (body, kind) => {
    expect(readChatIntent(body).kind).toBe(kind);
  });

  it("finds a one-time code", () => {
    expect(readChatIntent("k7qf-92xm")).toEqual({ kind: "code", code: "K7QF92XM" });
    expect(readChatIntent("here: K7QF-92XM")).toEqual({ kind: "code", code: "K7QF92XM" });
  });

  it("leaves anything else unknown", () => {
    expect(readChatIntent("who is there").kind).toBe("unknown");
    expect(readChatIntent("whatever").kind).toBe("unknown");
    expect(readChatIntent("<script>").kind).toBe("unknown");
  });
});

describe("replies", () => {
  it("help lists the commands and where to link", () => {
    const text = helpReply("https://board.example/profile");
    for (const word of ["help", "who", "status", "https://board.example/profile"]) expect(text).toContain(word);
  });

  it("who lists names sorted, or says nobody, or that presence is unavailable", () => {
    expect(whoReply(["Zoe", "Adam"])).toBe("Online now: Adam, Zoe.");
    expect(whoReply([])).toBe("Nobody is online right now.");
    expect(whoReply(null)).toMatch(/unavailable right now/);
    expect(whoReply(Array.from({ length: 52 }, (_, i) => `M${String(i).padStart(2, "0")}`))).toMatch(/M49 and 2 more\.$/);
  });

  it("status says the link's words or how to link", () => {
    expect(statusReply("alice@example.org", "Linked.", "u")).toBe("alice@example.org: Linked.");
    expect(statusReply("bob@example.org", null, "https://b/profile")).toMatch(/^bob@example\.org is not linked.*https:\/\/b\/profile/);
  });

  it("answers the unknown briefly and reports code outcomes", () => {
    expect(unknownReply()).toMatch(/didn't understand.*help/);
    expect(codeReply({ ok: true })).toMatch(/confirmed/);
    expect(codeReply({ ok: false, error: "That code has expired. Ask for a new one." })).toBe("That code has expired. Ask for a new one.");
  });

  it("the code message carries the code, the address and where to enter it", () => {
    const text = codeMessage({ jid: "alice@example.org", code: "K7QF-92XM", profileUrl: "https://b/profile", ttlMinutes: 30, requestedBy: { displayName: "Alice A", handle: "alice" } });
    expect(text).toMatch(/K7QF-92XM/);
    expect(text).toContain("Alice A (@alice) asked to link");
    // Quoted back to the bot (an echo, an auto-reply), the message is not taken as a confirmation.
    expect(readChatIntent(text)).toEqual({ kind: "unknown" });
    expect(text).toContain("https://b/profile");
    expect(text).toContain("alice@example.org");
    expect(text).toMatch(/reply/);
  });
});
