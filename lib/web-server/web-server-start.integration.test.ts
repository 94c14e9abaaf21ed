// The web server refuses to start on bad configuration, naming the variable, never the secret.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function startWebServer(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("NARTHEX_") && !["DATABASE_URL", "AUTH_SECRET", "PORT"].includes(key)));
  try {
    await run(path.resolve("node_modules/.bin/tsx"), ["scripts/web-server.ts"], { env: { ...clean, ...env } as NodeJS.ProcessEnv, timeout: 20_000 });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe("web server configuration at start", () => {
  it("stops with a message naming every missing secret", async () => {
    const result = await startWebServer({});
    expect(result.code).toBe(78);
    for (const name of ["AUTH_SECRET", "NARTHEX_FEED_SECRET"]) expect(result.stderr).toContain(name);
  });

  it("names a malformed variable and never prints a secret", async () => {
    const result = await startWebServer({ AUTH_SECRET: "short-secret-value", NARTHEX_FEED_SECRET: "feed-secret-for-tests-0123456789abcdef", PORT: "99999" });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain("AUTH_SECRET must be at least 32 characters");
    expect(result.stderr).toContain("PORT must be a TCP port");
    expect(result.stderr).not.toContain("short-secret-value");
    expect(result.stderr).not.toContain("feed-secret-for-tests");
  });
});
