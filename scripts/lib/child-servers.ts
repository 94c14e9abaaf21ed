// What every server a test run starts for itself needs (the private Prosody, the private
// PostgreSQL, the local stack's processes): a free loopback port, and no orphan if we are killed.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";

/** A TCP port that was free a moment ago on loopback (the OS chose it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * 'exit' hooks do not run when this process is SIGKILLed (a vitest worker killed on timeout), so a
 * detached shell polls this process and kills the server once we are gone. It ends with the server.
 */
export function killWhenWeDie(server: ChildProcess, name: string): void {
  if (server.pid === undefined) return;
  const script = 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -0 "$1" 2>/dev/null || kill -9 "$2" 2>/dev/null';
  const watchdog = spawn("sh", ["-c", script, `${name}-watchdog`, String(process.pid), String(server.pid)], { detached: true, stdio: "ignore" });
  watchdog.on("error", () => {});
  watchdog.unref();
}
