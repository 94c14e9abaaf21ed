// A throwaway PostgreSQL (Debian's package) on loopback for the integration tests' PostgreSQL pass:
// its own data folder under the temp dir, a random port and password, run as an unprivileged user
// (the `postgres` account when we are root: the server refuses to run as root). Durability is off
// (fsync, synchronous_commit): nothing here outlives the run. Never expose this configuration.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, killWhenWeDie } from "@/scripts/lib/child-servers";

export interface PrivatePostgres {
  readonly port: number;
  readonly dir: string;
  /** `postgresql://narthex:…@127.0.0.1:PORT/DATABASE` */
  url(database: string): string;
  /** SIGINT (fast shutdown: open sessions are ended), wait for exit, remove the folder. */
  stop(): Promise<void>;
  logTail(lines?: number): string;
}

const USER = "narthex";
const START_TIMEOUT_MS = 20_000;

/** The newest server installed by Debian's postgresql package, e.g. /usr/lib/postgresql/15/bin. */
export function findPostgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(path.join(root, version, "bin", "postgres")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : path.join(root, versions[0], "bin");
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed (bash scripts/setup.sh installs Debian's postgresql package)");
  const dir = mkdtempSync(path.join(os.tmpdir(), "narthex-postgres-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  const passwordFile = path.join(dir, "password");
  const password = randomBytes(18).toString("hex");
  writeFileSync(passwordFile, `${password}\n`);
  const owner = serverAccount();
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(passwordFile, owner.uid, owner.gid);
  }
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};

  try {
    // C collation: text sorts by code point, as SQLite's BINARY collation does.
    execFileSync(
      path.join(bin, "initdb"),
      ["-D", dataDir, "-U", USER, `--pwfile=${passwordFile}`, "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync"],
      { ...asOwner, cwd: dir, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_ALL: "C" } },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? (error as Error).message}`);
  }

  const port = await freePort();
  const out = openSync(logFile, "a");
  if (owner) chownSync(logFile, owner.uid, owner.gid);
  const args = ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${dir}`, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200", "-c", "jit=off"];
  const child: ChildProcess = spawn(path.join(bin, "postgres"), args, { ...asOwner, cwd: dir, stdio: ["ignore", out, out] });
  closeSync(out);
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
  process.once("exit", () => child.kill("SIGKILL"));
  killWhenWeDie(child, "postgres");

  const logTail = (lines = 30) => (existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").filter(Boolean).slice(-lines).join("\n") : "");
  const url = (database: string) => `postgresql://${USER}:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      const tail = logTail();
      await stop();
      throw new Error(`PostgreSQL exited during start-up (code ${child.exitCode})\n${tail}`);
    }
    const client = new pg.Client({ connectionString: url("postgres") });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) {
        const tail = logTail();
        await stop();
        throw new Error(`PostgreSQL did not accept connections on 127.0.0.1:${port}: ${(error as Error).message}\n${tail}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { port, dir, url, stop, logTail };
}

/** The account the server runs as: ourselves, unless we are root (then Debian's `postgres`). */
function serverAccount(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new Error("running as root, and there is no `postgres` account to run PostgreSQL as (apt-get install postgresql creates it)");
  }
}
