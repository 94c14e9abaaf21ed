import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, inlineScriptHashes, newNonce } from "@/lib/web-server/security-headers";

const sha256 = (text: string) => `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;
const directive = (policy: string, name: string) => policy.split("; ").find((part) => part.startsWith(`${name} `));

describe("contentSecurityPolicy", () => {
  it("lets inline scripts run by this response's nonce, or by their hashes, and scripts from the board itself", () => {
    expect(directive(contentSecurityPolicy({ nonce: "abc123" }, "http://localhost:3001"), "script-src")).toBe("script-src 'self' 'nonce-abc123'");
    expect(directive(contentSecurityPolicy({ hashes: ["sha256-AAA=", "sha256-BBB="] }, "http://localhost:3001"), "script-src")).toBe(
      "script-src 'self' 'sha256-AAA=' 'sha256-BBB='",
    );
    expect(directive(contentSecurityPolicy({ hashes: [] }, "http://localhost:3001"), "script-src")).toBe("script-src 'self'");
  });

  it("lets pages reach the worker's feed and badges, and nothing frame them or take their forms elsewhere", () => {
    const policy = contentSecurityPolicy({ nonce: "n" }, "https://live.example.org/");
    expect(directive(policy, "connect-src")).toBe("connect-src 'self' https://live.example.org wss://live.example.org");
    expect(directive(policy, "img-src")).toBe("img-src 'self' data: https://live.example.org");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("form-action 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(directive(contentSecurityPolicy({ nonce: "n" }, "http://localhost:3001"), "connect-src")).toBe("connect-src 'self' http://localhost:3001 ws://localhost:3001");
  });
});

describe("inlineScriptHashes", () => {
  it("hashes each inline script's exact text, not scripts from files", () => {
    const first = '(self.__next_f=self.__next_f||[]).push([0])';
    const second = 'self.__next_f.push([1,"<b>\\u003c/script\\u003e & “quotes”"])';
    const html = `<!DOCTYPE html><html><head><script src="/_next/static/a.js" async=""></script><script>${first}</script></head><body><p>&lt;script&gt;not one&lt;/script&gt;</p><script nonce="x">${second}</script><script id="_R_">${first}</script></body></html>`;
    expect(inlineScriptHashes(html).sort()).toEqual([sha256(first), sha256(second)].sort());
  });
});

describe("newNonce", () => {
  it("is fresh and unguessable each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
  });
});
