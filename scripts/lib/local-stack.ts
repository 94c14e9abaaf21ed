// The whole product as separate processes on loopback: a private Prosody, the worker process and
// the Next.js server, on an embedded SQLite database under dataDir (or the database at `databaseUrl`,
// e.g. PostgreSQL). Used by `npm start` (with demo members) and by the e2e tests (Playwright's global setup).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { startPrivateProsody, type PrivateProsody, type PrivateProsodyOptions } from "@/scripts/lib/private-prosody";
import { freePort } from "@/scripts/lib/child-servers";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

// Benchmarks and tests that start a stack ask for its ports here too.
export { freePort };

export type LocalStackOptions = {
  /** Holds the database, Prosody's data and the process logs. */
  dataDir: string;
  /** Another database than dataDir's SQLite file (file: or postgres:// URL); migrated like it. */
  databaseUrl?: string;
  webPort: number;
  realtimePort: number;
  /** Bot account password (a private, loopback-only server: any value will do). */
  botPassword?: string;
  /** Write process output to files under dataDir/logs instead of this terminal. */
  quiet?: boolean;
  /** Start the Next.js server (needs `next build` first). Default true. */
  web?: boolean;
  /** What the private Prosody serves beyond the defaults (the badge benchmark's mod_webpresence). */
  prosody?: Pick<PrivateProsodyOptions, "http" | "extraModules">;
  /**
   * Several web nodes instead of one, each serving the feed beside the board, joined through
   * socket.io's PostgreSQL adapter (`databaseUrl` must be PostgreSQL): one per entry, on its port.
   * Browsers reach them all at `publicUrl` (a balancer in front: scripts/lib/private-haproxy.ts).
   */
  feedNodes?: { publicUrl: string; nodes: Array<{ name: string; port: number }> };
};

/** One web node of a stack with `feedNodes`. */
export type WebNodeProcess = {
  name: string;
  port: number;
  url: string;
  pid: number;
  signal(signal: NodeJS.Signals): void;
  stop(signal?: NodeJS.Signals): Promise<void>;
};

export type LocalStack = {
  prosody: PrivateProsody;
  db: Db;
  databaseUrl: string;
  webUrl: string;
  realtimeUrl: string;
  botJid: string;
  /** For tests that log in as another client of the bot's own account. */
  botPassword: string;
  startWorker(): Promise<void>;
  stopWorker(signal?: NodeJS.Signals): Promise<void>;
  /** Sends the worker a signal and returns at once (fault tests: SIGSTOP holds it still mid-work). */
  signalWorker(signal: NodeJS.Signals): void;
  /** The worker process's id (the worker lease names its holder by host and pid). */
  workerPid(): number | undefined;
  /**
   * Launches one more worker process on the same database, XMPP account and feed port, logging to
   * dataDir/logs/NAME.log; returns at once (it stands by while another worker holds the lease).
   */
  spawnWorker(name: string): WorkerProcess;
  /** The web nodes of a stack with `feedNodes` (else none). */
  webNodes: WebNodeProcess[];
  stop(): Promise<void>;
};

export const BOT_USER = "narthex-bot";

/** A worker process launched beside the stack's own. */
export type WorkerProcess = {
  pid: number;
  /** Its log so far, one parsed JSON line each (needs `quiet`). */
  logLines(): Array<{ msg?: string; time?: number } & Record<string, unknown>>;
  signal(signal: NodeJS.Signals): void;
  stop(signal?: NodeJS.Signals): Promise<void>;
};

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.join(dataDir, "logs"), { recursive: true });
  const databaseUrl = options.databaseUrl ?? `file:${path.join(dataDir, "narthex.db")}`;
  await migrateDatabase(databaseUrl);
  const db = createDb(databaseUrl);

  const prosody = await startPrivateProsody({ ...options.prosody, dir: path.join(dataDir, "prosody") });
  const botPassword = options.botPassword ?? "narthex-local-bot";
  await prosody.register(BOT_USER, botPassword);
  const botJid = `${BOT_USER}@${prosody.domain}`;
  const cluster = options.feedNodes;
  // With several nodes, browsers reach the board and its feed (and the badges) at one address.
  const webUrl = cluster?.publicUrl ?? `http://localhost:${options.webPort}`;
  const realtimeUrl = cluster?.publicUrl ?? `http://localhost:${options.realtimePort}`;

  const secrets = localSecrets(dataDir);
  const env = {
    ...process.env,
    AUTH_SECRET: secrets.authSecret,
    NARTHEX_FEED_SECRET: secrets.feedSecret,
    DATABASE_URL: databaseUrl,
    NARTHEX_XMPP_SERVICE: prosody.service,
    NARTHEX_BOT_JID: botJid,
    NARTHEX_BOT_PASSWORD: botPassword,
    NARTHEX_REALTIME_PORT: String(options.realtimePort),
    NARTHEX_WEB_ORIGIN: `${webUrl},http://127.0.0.1:${new URL(webUrl).port}`,
    NARTHEX_REALTIME_URL: realtimeUrl,
    NARTHEX_FEED_ADAPTER: cluster ? "postgresql" : "none",
    NEXT_TELEMETRY_DISABLED: "1",
  };

  const output = (name: string) => (options.quiet ? openSync(path.join(dataDir, "logs", `${name}.log`), "a") : "inherit");
  const children = new Set<ChildProcess>();
  // If this process dies without stop() (a crash), take the servers down with it: never orphans.
  const killChildren = () => {
    for (const child of children) child.kill("SIGKILL");
  };
  process.once("exit", killChildren);
  const launch = (name: string, command: string, args: string[], extraEnv: Record<string, string> = {}) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ["ignore", output(name), output(name)] });
    children.add(child);
    child.once("exit", () => children.delete(child));
    return child;
  };
  const terminate = async (child: ChildProcess | null, signal: NodeJS.Signals = "SIGTERM") => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), 8_000);
    await exited;
    clearTimeout(timer);
  };

  let worker: ChildProcess | null = null;
  const withWeb = options.web ?? true;
  // Node itself with tsx's loader, as the worker (below): a SIGKILL must reach the server, not a wrapper.
  const launchWeb = (name: string, port: number) => launch(name, process.execPath, ["--import", "tsx", "scripts/web-server.ts"], { NODE_ENV: "production", PORT: String(port) });
  const web = withWeb && !cluster ? launchWeb("web", options.webPort) : null;
  const webServers: Array<{ name: string; port: number; url: string; child: ChildProcess }> = web ? [{ name: "web", port: options.webPort, url: webUrl, child: web }] : [];
  const webNodes: WebNodeProcess[] = (cluster?.nodes ?? []).map(({ name, port }) => {
    const child = launchWeb(`web-${name}`, port);
    webServers.push({ name: `web-${name}`, port, url: `http://localhost:${port}`, child });
    return {
      name,
      port,
      url: `http://localhost:${port}`,
      pid: child.pid ?? -1,
      signal: (signal) => void child.kill(signal),
      stop: (signal = "SIGTERM") => terminate(child, signal),
    };
  });

  const stack: LocalStack = {
    prosody,
    db,
    databaseUrl,
    webUrl,
    realtimeUrl,
    botJid,
    botPassword,
    async startWorker() {
      // A worker killed with SIGKILL leaves its last state ("online", fresh heartbeat): wait for this one's.
      const launchedAt = Date.now() - 1_000;
      // Node itself with tsx's loader, not the tsx command: that one runs the worker as its own child,
      // so a SIGKILL (fault tests) would kill the wrapper and leave the worker running.
      worker = launch("worker", process.execPath, ["--import", "tsx", "worker/main.ts"]);
      const started = worker;
      await waitFor(async () => {
        if (started.exitCode !== null) throw new Error(`the worker exited; see ${path.join(dataDir, "logs", "worker.log")}`);
        const state = await db.workerState.findUnique({ where: { id: 1 } }).catch(() => null);
        return state?.xmppStatus === "online" && state.startedAt.getTime() >= launchedAt && Date.now() - state.heartbeatAt.getTime() < 10_000;
      }, 30_000, "the worker did not connect to the private XMPP server");
    },
    async stopWorker(signal = "SIGTERM") {
      await terminate(worker, signal);
      worker = null;
    },
    signalWorker(signal) {
      worker?.kill(signal);
    },
    workerPid() {
      return worker?.pid;
    },
    webNodes,
    spawnWorker(name) {
      const child = launch(name, process.execPath, ["--import", "tsx", "worker/main.ts"]);
      const logFile = path.join(dataDir, "logs", `${name}.log`);
      return {
        pid: child.pid ?? -1,
        logLines: () =>
          (existsSync(logFile) ? readFileSync(logFile, "utf8") : "")
            .split("\n")
            .flatMap((line) => {
              try {
                return [JSON.parse(line) as { msg?: string }]; // a line still being written is skipped
              } catch {
                return [];
              }
            }),
        signal: (signal) => void child.kill(signal),
        stop: (signal = "SIGTERM") => terminate(child, signal),
      };
    },
    async stop() {
      process.removeListener("exit", killChildren);
      await Promise.all([...children].map((child) => terminate(child)));
      await db.$disconnect();
      await prosody.stop();
    },
  };
  try {
    await stack.startWorker();
    for (const server of webServers) {
      await waitFor(
        async () => {
          if (server.child.exitCode !== null) throw new Error(`the web server exited (is port ${server.port} in use?); see ${path.join(dataDir, "logs", `${server.name}.log`)}`);
          // Not `/`: a visitor's board is a shared copy, and one rendered now, before the caller has
          // seeded anything, would be served for the next few seconds.
          return (await fetch(`${server.url}/sign-in`).catch(() => null))?.ok === true;
        },
        60_000,
        `the web server did not answer at ${server.url}`,
      );
    }
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${message} within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

/** Secrets of a local stack, made once per data folder so a restart keeps people signed in. */
function localSecrets(dataDir: string): { authSecret: string; feedSecret: string } {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as { authSecret: string; feedSecret: string };
  const secrets = { authSecret: randomBytes(33).toString("base64"), feedSecret: randomBytes(33).toString("base64") };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
