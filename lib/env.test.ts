import { describe, expect, it } from "vitest";
import { EnvError, loadEnv, workerEnvSchema } from "@/lib/env";

const valid = {
  DATABASE_URL: "file:.data/test.db",
  NARTHEX_XMPP_SERVICE: "xmpp://127.0.0.1:5222",
  NARTHEX_BOT_JID: "Narthex@Example.org",
  NARTHEX_BOT_PASSWORD: "s3cret-value",
  NARTHEX_REALTIME_PORT: "3001",
  NARTHEX_FEED_SECRET: "feed-secret-for-tests-0123456789abcdef",
};

function problems(source: Record<string, string>): string[] {
  try {
    loadEnv(workerEnvSchema, source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
  throw new Error("expected the configuration to be rejected");
}

describe("worker configuration", () => {
  it("parses a valid environment and normalises the bot JID", () => {
    const env = loadEnv(workerEnvSchema, valid);
    expect(env.NARTHEX_BOT_JID).toMatchObject({ local: "narthex", domain: "example.org" });
    expect(env.NARTHEX_REALTIME_PORT).toBe(3001);
    expect(env.NARTHEX_BOT_RESOURCE).toBe("narthex");
  });

  it("names each missing variable", () => {
    const found = problems({ DATABASE_URL: "file:x.db" });
    expect(found.join("\n")).toMatch(/NARTHEX_XMPP_SERVICE is missing/);
    expect(found.join("\n")).toMatch(/NARTHEX_BOT_JID is missing/);
    expect(found.join("\n")).toMatch(/NARTHEX_BOT_PASSWORD is missing/);
    expect(found.join("\n")).toMatch(/NARTHEX_REALTIME_PORT is missing/);
  });

  it("names malformed variables without echoing their values", () => {
    const found = problems({
      ...valid,
      NARTHEX_XMPP_SERVICE: "http://example.org",
      NARTHEX_BOT_JID: "not a jid@@",
      NARTHEX_REALTIME_PORT: "99999",
      DATABASE_URL: "mysql://user:topsecret@db/narthex",
    });
    const text = found.join("\n");
    expect(text).toMatch(/NARTHEX_XMPP_SERVICE must be an XMPP service URI/);
    expect(text).toMatch(/NARTHEX_BOT_JID is not a valid JID/);
    expect(text).toMatch(/NARTHEX_REALTIME_PORT must be a TCP port/);
    expect(text).toMatch(/DATABASE_URL must be a file: URL for the embedded SQLite database .* or a PostgreSQL URL/);
    expect(text).not.toContain("topsecret");
  });

  it.each(["file:.data/narthex.db", "postgres://narthex:secret@db.example.org/narthex", "postgresql://narthex@127.0.0.1:5432/narthex"])("accepts %s as the database", (url) => {
    expect(loadEnv(workerEnvSchema, { ...valid, DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it("treats an empty variable as missing", () => {
    expect(problems({ ...valid, NARTHEX_BOT_PASSWORD: "" }).join("\n")).toMatch(/NARTHEX_BOT_PASSWORD is missing/);
  });
});
