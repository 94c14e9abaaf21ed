// Environment schemas for both processes, validated once at start. Errors name the variable and the
// problem, never the value (values may be secrets).
import { z } from "zod";
import { DEFAULT_DATABASE_URL, isPostgresUrl, isSqliteUrl } from "@/lib/db/client";
import { parseJid } from "@/lib/jid";

const databaseUrl = z
  .string()
  .default(DEFAULT_DATABASE_URL)
  .refine(
    (url) => isSqliteUrl(url) || isPostgresUrl(url),
    "must be a file: URL for the embedded SQLite database (e.g. file:.data/narthex.db) or a PostgreSQL URL (postgresql://user:password@host:5432/narthex)",
  );

const port = z.coerce.number({ error: "must be a TCP port (1-65535)" }).int("must be a TCP port (1-65535)").min(1, "must be a TCP port (1-65535)").max(65535, "must be a TCP port (1-65535)");

/** A secret shared by processes: long and random (e.g. `openssl rand -base64 33`). */
const secret = (what: string) =>
  z.string({ error: `must be set to a long random secret (${what})` }).min(32, "must be at least 32 characters (e.g. openssl rand -base64 33)");

/**
 * How feed nodes are joined: "none", the worker serves every browser's feed itself; "postgresql",
 * every web node serves it too, beside the board, and the worker reaches them through socket.io's
 * PostgreSQL adapter on DATABASE_URL (lib/realtime/feed-cluster.ts).
 */
export const FEED_ADAPTERS = ["none", "postgresql"] as const;
const feedAdapter = z.enum(FEED_ADAPTERS, { error: 'must be "none" (the worker serves the feed) or "postgresql" (several web nodes serve it)' }).default("none");
/** The adapter runs on the board's own PostgreSQL database. */
const adapterNeedsPostgres = (env: { DATABASE_URL: string; NARTHEX_FEED_ADAPTER: string }, ctx: z.RefinementCtx) => {
  if (env.NARTHEX_FEED_ADAPTER === "postgresql" && !isPostgresUrl(env.DATABASE_URL)) {
    ctx.addIssue({ code: "custom", path: ["NARTHEX_FEED_ADAPTER"], message: "is postgresql, so DATABASE_URL must be a PostgreSQL URL (the adapter uses the board's database)" });
  }
};

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const webOrigins = z
  .string()
  .default("http://localhost:3000")
  .transform((value) => value.split(",").map((origin) => origin.trim()).filter(Boolean))
  .pipe(z.array(httpUrl).min(1, "must name at least one origin"));

export const workerEnvSchema = z.object({
  DATABASE_URL: databaseUrl,
  NARTHEX_XMPP_SERVICE: z.url({
    protocol: /^(xmpp|xmpps|ws|wss)$/,
    error: "must be an XMPP service URI such as xmpp://127.0.0.1:5222 (xmpp:, xmpps:, ws: or wss:)",
  }),
  NARTHEX_BOT_JID: z.string({ error: "must be the bot's bare JID, e.g. narthex@example.org" }).transform((value, ctx) => {
    const parsed = parseJid(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: `is not a valid JID: ${parsed.error}` });
      return z.NEVER;
    }
    if (!parsed.jid.local) {
      ctx.addIssue({ code: "custom", message: "must be an account JID with a local part, e.g. narthex@example.org" });
      return z.NEVER;
    }
    return parsed.jid;
  }),
  NARTHEX_BOT_PASSWORD: z.string({ error: "must be the bot account's password" }).min(1, "must not be empty"),
  NARTHEX_BOT_RESOURCE: z.string().min(1).max(64).default("narthex"),
  NARTHEX_REALTIME_PORT: port,
  NARTHEX_REALTIME_HOST: z.string().min(1).default("127.0.0.1"),
  /** Origins of the board allowed to open the socket.io feed (comma-separated). */
  NARTHEX_WEB_ORIGIN: webOrigins,
  NARTHEX_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Verifies the short-lived tokens the board hands browsers for the feed (same value as the board's). */
  NARTHEX_FEED_SECRET: secret("shared with the board: verifies presence feed tokens, keys link-code hashes"),
  NARTHEX_FEED_ADAPTER: feedAdapter,
}).superRefine(adapterNeedsPostgres);
export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export const webEnvSchema = z.object({
  DATABASE_URL: databaseUrl,
  /** The web server's port (`npm run start:web`). */
  PORT: port.default(3000),
  /** The address it listens on; every interface when unset. */
  NARTHEX_WEB_HOST: z.string().min(1).optional(),
  NARTHEX_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Where browsers reach the worker's socket.io feed. */
  NARTHEX_REALTIME_URL: httpUrl.default("http://localhost:3001"),
  /** Signs and encrypts Auth.js session cookies. */
  AUTH_SECRET: secret("signs session cookies"),
  /** Signs the short-lived tokens that tell the worker's feed who a browser's viewer is. */
  NARTHEX_FEED_SECRET: secret("shared with the worker: signs presence feed tokens, keys link-code hashes"),
  /** The board's address as people reach it, for links copied to other sites (badge snippets). */
  NARTHEX_PUBLIC_URL: httpUrl.transform((url) => url.replace(/\/+$/, "")).optional(),
  /** "postgresql": this web node serves the feed too (at NARTHEX_REALTIME_URL, which is then the board's own address). */
  NARTHEX_FEED_ADAPTER: feedAdapter,
  /** Origins of the board allowed to open this node's feed (comma-separated; with NARTHEX_FEED_ADAPTER=postgresql). */
  NARTHEX_WEB_ORIGIN: webOrigins,
}).superRefine(adapterNeedsPostgres);
export type WebEnv = z.infer<typeof webEnvSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses the environment or throws an EnvError naming each bad variable. */
export function loadEnv<S extends z.ZodType>(schema: S, source: Record<string, string | undefined> = process.env): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = issue.path.join(".") || "environment";
      return name in cleaned || name === "environment" ? `${name} ${issue.message}` : `${name} is missing: it ${issue.message}`;
    }),
  );
}

let webEnv: WebEnv | undefined;
/** The web app's configuration, parsed on first use. */
export function getWebEnv(): WebEnv {
  webEnv ??= loadEnv(webEnvSchema);
  return webEnv;
}
