// A throwaway Prosody (Debian's 0.12) on loopback for integration tests, the benchmark and the demo.
// Plain-text auth on an unencrypted loopback port so test logins can use SASL PLAIN (SCRAM costs
// ~1.3 s per login in JS). Never expose this configuration beyond 127.0.0.1.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort, killWhenWeDie } from "@/scripts/lib/child-servers";

const execFileAsync = promisify(execFile);

export interface PrivateProsodyOptions {
  /** Working directory for config, data and logs. Default: a fresh temp dir, removed by stop()
   * (kept when NARTHEX_KEEP_PROSODY_DIR is set, or when start-up fails). */
  dir?: string;
  /** The VirtualHost served. Default "localhost". */
  domain?: string;
  /** Modules beyond the defaults, e.g. ["smacks"] (XEP-0198) or ["vcard"]. */
  extraModules?: string[];
  /** Default modules to leave out, e.g. ["blocklist"] for a server without XEP-0191. */
  withoutModules?: string[];
  /** Prosody log level. Default "info"; "debug" logs every stanza. */
  logLevel?: "debug" | "info" | "warn";
  /** Serve HTTP on a loopback port too (for HTTP modules such as prosody-modules' webpresence). */
  http?: boolean;
  /** How long to wait for the port to accept connections. Default 10 s. */
  startTimeoutMs?: number;
}

export interface PrivateProsody {
  readonly domain: string;
  readonly port: number;
  /** For @xmpp/client: `xmpp://127.0.0.1:PORT`. */
  readonly service: string;
  /** `http://127.0.0.1:PORT` when started with `http`, else null. */
  readonly httpUrl: string | null;
  readonly dir: string;
  readonly logFile: string;
  /** Creates (or resets the password of) USER@domain. Works while running. */
  register(user: string, password: string): Promise<void>;
  /** SIGTERM, wait for exit (SIGKILL after 5 s). Removes `dir` if it was a temp dir we created. */
  stop(): Promise<void>;
  /** SIGKILL at once (fault tests): clients see the TCP connection drop. Data and dir are kept. */
  kill(): void;
  /** Stops (gracefully) and starts again on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops gracefully (SIGTERM) and stays down, keeping port and data for startAgain() (outage tests). */
  shutDown(): Promise<void>;
  /** Starts a server stopped by shutDown() or kill() again, on the same port with the same data. */
  startAgain(): Promise<void>;
  /** SIGSTOP: the server hangs without closing anything (the kernel still accepts and ACKs TCP). */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  /** Whether the server process is running. */
  readonly running: boolean;
  /** The last lines of the Prosody log, for assertion messages. */
  logTail(lines?: number): string;
}

const DEFAULT_MODULES = ["roster", "saslauth", "disco", "ping", "presence", "blocklist", "carbons"];
const STOP_GRACE_MS = 5_000;

// Every server this process started, killed synchronously if the process exits without stop().
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

export async function startPrivateProsody(options: PrivateProsodyOptions = {}): Promise<PrivateProsody> {
  const domain = options.domain ?? "localhost";
  const ownsDir = options.dir === undefined;
  const dir = path.resolve(options.dir ?? mkdtempSync(path.join(os.tmpdir(), "narthex-prosody-")));
  const port = await freePort();
  const httpPort = options.http ? await freePort() : null;
  const configFile = path.join(dir, "prosody.cfg.lua");
  const logFile = path.join(dir, "prosody.log");
  const consoleFile = path.join(dir, "prosody.console.log");
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;

  mkdirSync(path.join(dir, "data"), { recursive: true });
  mkdirSync(path.join(dir, "certs"), { recursive: true }); // silences certmanager's "cannot open" error
  const modules = [...DEFAULT_MODULES.filter((name) => !options.withoutModules?.includes(name)), ...(options.extraModules ?? [])];
  writeFileSync(configFile, renderConfig({ dir, domain, port, httpPort, modules, logFile, logLevel: options.logLevel ?? "info" }));

  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const logTail = (lines = 30): string => {
    const read = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : "");
    const text = read(logFile) + read(consoleFile);
    return text.split("\n").filter(Boolean).slice(-lines).join("\n");
  };

  async function launch(): Promise<void> {
    const out = openSync(consoleFile, "a");
    const proc = spawn("prosody", ["--config", configFile, "-F"], { cwd: dir, stdio: ["ignore", out, out] });
    closeSync(out);
    child = proc;
    live.add(proc);
    installExitHook();
    const spawnError = new Promise<Error>((resolve) => proc.once("error", resolve));
    exited = new Promise((resolve) => {
      const done = () => {
        live.delete(proc);
        if (child === proc) child = null;
        resolve();
      };
      proc.once("exit", done);
      proc.once("error", done); // spawn failures (ENOENT) emit no 'exit'
    });
    killWhenWeDie(proc, "prosody");

    const failure = await Promise.race([
      Promise.all([port, ...(httpPort === null ? [] : [httpPort])].map((listening) => waitForPort(listening, startTimeoutMs, () => child !== proc))).then(
        () => null,
        (e: Error) => e,
      ),
      spawnError,
      exited.then(() => new Error(`prosody exited during start-up (code ${proc.exitCode})`)),
    ]);
    if (failure) {
      proc.kill("SIGKILL");
      await exited;
      throw new Error(`Private Prosody failed to start on 127.0.0.1:${port}: ${failure.message}\n` +
        `(is it installed? bash scripts/setup.sh)\nDir kept for debugging: ${dir}\n${logTail()}`);
    }
  }

  async function stopProcess(): Promise<void> {
    const proc = child;
    if (!proc) return;
    proc.kill("SIGTERM");
    proc.kill("SIGCONT"); // a frozen server (freeze()) handles SIGTERM only once it runs again
    const timer = setTimeout(() => proc.kill("SIGKILL"), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }

  await launch();

  return {
    domain,
    port,
    service: `xmpp://127.0.0.1:${port}`,
    httpUrl: httpPort === null ? null : `http://127.0.0.1:${httpPort}`,
    dir,
    logFile,
    get running() {
      return child !== null;
    },
    logTail,
    async register(user, password) {
      try {
        await execFileAsync("prosodyctl", ["--config", configFile, "register", user, domain, password], {
          cwd: dir,
          timeout: 15_000,
        });
      } catch (error) {
        throw new Error(`prosodyctl register ${user}@${domain} failed: ${(error as Error).message}`);
      }
    },
    async stop() {
      await stopProcess();
      if (ownsDir && !process.env.NARTHEX_KEEP_PROSODY_DIR) rmSync(dir, { recursive: true, force: true });
    },
    kill() {
      child?.kill("SIGKILL");
    },
    async restart() {
      await stopProcess();
      await launch();
    },
    async shutDown() {
      await stopProcess();
    },
    async startAgain() {
      await exited; // after kill(), the old process may not have exited yet
      if (child) throw new Error("the private Prosody is already running");
      await launch();
    },
    freeze() {
      child?.kill("SIGSTOP");
    },
    thaw() {
      child?.kill("SIGCONT");
    },
  };
}

function renderConfig(c: { dir: string; domain: string; port: number; httpPort: number | null; modules: string[]; logFile: string; logLevel: string }): string {
  const list = (items: string[]) => items.map((m) => JSON.stringify(m)).join("; ");
  return `-- Generated by scripts/lib/private-prosody.ts for a private test server. Do not expose.
run_as_root = true
pidfile = ${JSON.stringify(path.join(c.dir, "prosody.pid"))}
data_path = ${JSON.stringify(path.join(c.dir, "data"))}
certificates = ${JSON.stringify(path.join(c.dir, "certs"))}
interfaces = { "127.0.0.1" }
c2s_ports = { ${c.port} }
c2s_direct_tls_ports = { }
legacy_ssl_ports = { }
s2s_ports = { }
http_ports = { ${c.httpPort ?? ""} }
http_interfaces = { "127.0.0.1" }
http_default_host = ${JSON.stringify(c.domain)}
https_ports = { }
modules_enabled = { ${list(c.modules)} }
modules_disabled = { "s2s" }
authentication = "internal_plain"
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
log = { { levels = { min = ${JSON.stringify(c.logLevel)} }, to = "file", filename = ${JSON.stringify(c.logFile)} } }

VirtualHost ${JSON.stringify(c.domain)}
`;
}

async function waitForPort(port: number, timeoutMs: number, gaveUp: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gaveUp()) {
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`port ${port} did not accept connections within ${timeoutMs} ms`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const proc of live) proc.kill("SIGKILL");
  });
}
