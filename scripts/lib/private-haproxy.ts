// One address in front of several web nodes, as a deployment has it: Debian's HAProxy on loopback,
// started by the scaling tests and the fan-out benchmark with a configuration of their own (the one
// docs/scaling.md describes). Requests and WebSockets are spread over the nodes; a browser may be
// pinned to one by the `narthex_node` cookie (sticky sessions, which socket.io's polling fallback
// needs); a node that stops answering is taken out at once and its browsers are sent to another.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { killWhenWeDie } from "@/scripts/lib/child-servers";

export const NODE_COOKIE = "narthex_node";
/** Every answer names the node that gave it (tests look; a deployment may leave this out). */
export const NODE_HEADER = "x-narthex-node";

export type BalancedNode = { name: string; port: number };

export type PrivateHaproxy = { port: number; url: string; stop(): Promise<void> };

/** The configuration: sticky by cookie, WebSockets kept open an hour, dead nodes skipped. */
export function haproxyConfig({ port, nodes }: { port: number; nodes: BalancedNode[] }): string {
  return [
    "global",
    "  maxconn 8000",
    "defaults",
    "  mode http",
    "  option http-server-close",
    "  option forwardfor",
    // A node that refuses the connection: try another at once.
    "  option redispatch",
    "  retries 2",
    "  timeout connect 1s",
    "  timeout client 1m",
    "  timeout server 1m",
    // An open WebSocket (the feed) may be quiet for long.
    "  timeout tunnel 1h",
    "frontend board",
    `  bind 127.0.0.1:${port}`,
    "  default_backend nodes",
    "backend nodes",
    "  balance roundrobin",
    `  cookie ${NODE_COOKIE} insert indirect nocache`,
    `  http-response set-header ${NODE_HEADER} %s`,
    ...nodes.map((node) => `  server ${node.name} 127.0.0.1:${node.port} check inter 500ms fall 1 rise 2 cookie ${node.name}`),
    "",
  ].join("\n");
}

export async function startPrivateHaproxy({ dir, port, nodes }: { dir: string; port: number; nodes: BalancedNode[] }): Promise<PrivateHaproxy> {
  const bin = ["/usr/sbin/haproxy", "/usr/bin/haproxy"].find((candidate) => existsSync(candidate));
  if (!bin) throw new Error("HAProxy is not installed (bash scripts/setup.sh installs Debian's haproxy package)");
  mkdirSync(dir, { recursive: true });
  const config = path.join(dir, "haproxy.cfg");
  writeFileSync(config, haproxyConfig({ port, nodes }));
  // -db: stay in the foreground, as our child.
  const child: ChildProcess = spawn(bin, ["-db", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
  killWhenWeDie(child, "haproxy");
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4_000);
  });
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`HAProxy exited: ${errors}`);
    if (Date.now() > deadline) throw new Error(`HAProxy did not listen on ${port}: ${errors}`);
    await sleep(50);
  }
  return {
    port,
    url: `http://localhost:${port}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
