// The worker process refuses to start on bad configuration, naming the variable, never the secret.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function startWorker(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("NARTHEX_") && key !== "DATABASE_URL"));
  try {
    await run(path.resolve("node_modules/.bin/tsx"), ["worker/main.ts"], { env: { ...clean, ...env } as NodeJS.ProcessEnv, timeout: 20_000 });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe("worker configuration at start", () => {
  it("stops with a message naming every missing variable", async () => {
    const result = await startWorker({});
    expect(result.code).toBe(78);
    for (const name of ["NARTHEX_XMPP_SERVICE", "NARTHEX_BOT_JID", "NARTHEX_BOT_PASSWORD", "NARTHEX_REALTIME_PORT"]) {
      expect(result.stderr).toContain(`${name} is missing`);
    }
  });

  it("names a malformed variable and never prints the password", async () => {
    const result = await startWorker({
      NARTHEX_XMPP_SERVICE: "smtp://mail.example.org",
      NARTHEX_BOT_JID: "bot@example.org",
      NARTHEX_BOT_PASSWORD: "correct-horse-battery-staple",
      NARTHEX_REALTIME_PORT: "not-a-port",
      NARTHEX_FEED_SECRET: "feed-secret-for-tests-0123456789abcdef",
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain("NARTHEX_XMPP_SERVICE must be an XMPP service URI");
    expect(result.stderr).toContain("NARTHEX_REALTIME_PORT must be a TCP port");
    expect(result.stderr).not.toContain("correct-horse-battery-staple");
  });
});
