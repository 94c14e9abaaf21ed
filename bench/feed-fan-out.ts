// Benchmark: presence fan-out over several feed nodes (issue 8). The scaled stack (private PostgreSQL,
// Prosody, the worker, two web nodes joined by socket.io's PostgreSQL adapter, HAProxy in front) with
// BENCH_CLIENTS feed sockets (2,000; lean socket.io clients, bench/feed-fan-out-clients.ts), half on
// each web node, and BENCH_RATE presence changes a second (200) sent by members' XMPP clients for
// BENCH_SECONDS (20) after a warm-up. Each change has a status text of its own; a delivery's latency
// is from the stanza being sent to one client receiving the `presence:updates` frame that carries it,
// and every client should receive every change (all members are public). Reports p50/p95/p99/max
// over all deliveries and per node, missing deliveries, and each process's CPU and peak memory over
// the measured period. Budget: p99 < 100 ms.
// `npm run bench:fan-out` (builds first). Run it on a quiet machine. Figures and what limits them: docs/scaling.md.
//
// BENCH_SOURCE=adapter leaves the XMPP server and the worker's presence pipeline out: the benchmark
// publishes each change itself as the worker does once it has stored one (a feed server on socket.io's
// PostgreSQL adapter, publishUpdate with the member's view), so only the fan-out is measured: NOTIFY,
// the web nodes and the clients. Latency is then from that publish.
//
// The clients connect to each node's own address, not through HAProxy: the feed limits sockets per
// client address (the last X-Forwarded-For entry), and HAProxy's would make them all 127.0.0.1. Each
// gets an X-Forwarded-For address of its own instead. They live in BENCH_CLIENT_PROCESSES (2) child
// processes (bench/feed-fan-out-clients.ts), whose CPU and event-loop delay are reported: on a small
// machine they compete with the servers for the same cores, and their delay is part of what is measured.
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { attachJabberId } from "@/lib/jabber-links/attach-jabber-id";
import { createMember } from "@/lib/members/create-member";
import { createLogger } from "@/lib/logger";
import { loadMemberView, type MemberViewRead } from "@/lib/presence/load-member-views";
import { createFeedAdapter } from "@/lib/realtime/feed-cluster";
import { attachFeedServer } from "@/lib/realtime/feed-server";
import { startScaledStack } from "@/scripts/lib/scaled-stack";
import { connectMemberClient, type MemberClient } from "@/scripts/lib/xmpp-test-client";
import { PRESENCE_COALESCE_MS } from "@/worker/worker";
import { nowMs, type ClientSpec, type FromClients, type ToClients } from "@/bench/feed-fan-out-protocol";
import { childrenNamed, createUsageSampler, pidFromFile, type GroupUsage } from "@/bench/process-usage";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 2);
const CONNECTS_PER_SECOND = Number(process.env.BENCH_CONNECTS_PER_SECOND ?? 100);
// A member's own changes closer than PRESENCE_COALESCE_MS are coalesced on purpose; with this many
// members each changes once every 5 × 250 ms = 1.25 s at the full rate.
const MEMBERS = Math.max(20, Math.ceil((RATE * 5 * PRESENCE_COALESCE_MS) / 1_000));
const SOURCE: "xmpp" | "adapter" = process.env.BENCH_SOURCE === "adapter" ? "adapter" : "xmpp";
const BUDGET_P99_MS = 100;
const STATUS_PREFIX = "fan-out ";
const PASSWORD = "bench-password";
const ROOT = path.resolve(import.meta.dirname, "..");

const dataDir = mkdtempSync(path.join(os.tmpdir(), "narthex-bench-fan-out-"));
const stack = await startScaledStack({ dataDir, quiet: true });
const children: ChildProcess[] = [];
const members: MemberClient[] = [];
const closers: Array<() => Promise<void>> = [];
try {
  const nodeNames = stack.webNodes.map((node) => node.name);
  console.log(`fan-out: ${CLIENTS} feed sockets over ${nodeNames.length} web nodes, ${RATE} changes/s for ${SECONDS} s (after ${WARMUP_SECONDS} s warm-up), ${MEMBERS} members, ${CLIENT_PROCESSES} client processes, changes sent ${SOURCE === "xmpp" ? "by the members' XMPP clients" : "straight to the adapter (no XMPP, no worker)"}`);

  // Members: public (so clients need not sign in), each with a verified Jabber ID that the worker puts
  // on its roster; registered on Prosody, their clients approve the bot's subscription and come
  // online (BENCH_SOURCE=adapter sends no stanza: its members stay offline).
  const setupStarted = performance.now();
  const jids: string[] = [];
  const memberIds: string[] = [];
  await inBatches(
    Array.from({ length: MEMBERS }, (_, m) => m),
    8,
    async (m) => {
      const handle = `fan-out-${m}`;
      const created = await createMember(stack.db, { handle, displayName: `Fan-out ${m}`, presenceVisibility: "public" });
      if (!created.ok) throw new Error(created.error);
      const jid = `${handle}@${stack.prosody.domain}`;
      const link = await attachJabberId(stack.db, { handle, jid });
      if (!link.ok) throw new Error(link.error);
      jids[m] = jid;
      memberIds[m] = created.value.id;
      if (SOURCE !== "xmpp") return;
      await stack.prosody.register(handle, PASSWORD);
      const client = await connectMemberClient({ service: stack.prosody.service, domain: stack.prosody.domain, username: handle, password: PASSWORD, resource: "bench", autoApproveFrom: [stack.botJid] });
      members[m] = client;
      await client.sendPresence({ status: "ready" });
    },
  );
  if (SOURCE === "xmpp") {
    await waitUntil(async () => (await stack.db.presence.count({ where: { bareJid: { in: jids }, state: "available", statusText: "ready" } })) === MEMBERS, 300_000, "every member online on the worker's roster");
  }
  await waitUntil(async () => (await stack.db.command.count({ where: { status: { in: ["pending", "running"] } } })) === 0, 300_000, "the worker's command queue empty");
  // Statistics for the tables just filled, as autovacuum gathers them on a running board within a
  // minute of such a change: without them PostgreSQL plans the members' views as a nested loop over
  // every member (13 ms a read instead of 0.2 ms here), which the benchmark would measure instead.
  await stack.db.$executeRawUnsafe("ANALYZE");
  console.log(`  setup: ${MEMBERS} members ready in ${((performance.now() - setupStarted) / 1_000).toFixed(0)} s`);

  // Clients: client i on node i mod nodes, in process ⌊i / nodes⌋ mod processes, so each process
  // holds as many clients of every node.
  const warmupChanges = WARMUP_SECONDS * RATE;
  const measuredChanges = SECONDS * RATE;
  const plans: ClientSpec[][] = Array.from({ length: CLIENT_PROCESSES }, () => []);
  for (let i = 0; i < CLIENTS; i++) {
    const node = i % stack.webNodes.length;
    plans[Math.floor(i / stack.webNodes.length) % CLIENT_PROCESSES]!.push({
      url: stack.webNodes[node]!.url,
      node,
      address: `10.${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`,
    });
  }
  const connectStarted = performance.now();
  for (let p = 0; p < CLIENT_PROCESSES; p++) {
    children.push(fork(path.join(ROOT, "bench", "feed-fan-out-clients.ts"), [], { cwd: ROOT, execArgv: ["--import", "tsx"], serialization: "advanced" }));
  }
  const connected = await Promise.all(
    children.map((child, p) => {
      // Connecting is paced at CONNECTS_PER_SECOND; a client that never gets its snapshot fails the run.
      const answer = nextMessage(child, "connected", (CLIENTS / CONNECTS_PER_SECOND) * 1_000 + 120_000);
      tell(child, { type: "connect", clients: plans[p]!, connectsPerSecond: CONNECTS_PER_SECOND / CLIENT_PROCESSES, statusPrefix: STATUS_PREFIX, firstSeq: warmupChanges, count: measuredChanges });
      return answer;
    }),
  );
  const refused = connected.reduce((sum, c) => sum + c.refused, 0);
  const connectErrors = [...new Set(connected.flatMap((c) => c.errors))];
  console.log(`  ${connected.reduce((sum, c) => sum + c.clients, 0)} clients have their snapshot after ${((performance.now() - connectStarted) / 1_000).toFixed(0)} s` + (refused ? ` (${refused} refused attempts: ${connectErrors.join("; ")})` : ""));

  const groups = [
    { name: "worker", pids: () => [stack.workerPid() ?? -1], withDescendants: false },
    // The tsx command runs the web server as a node process of its own, under itself.
    ...stack.webNodes.map((node) => ({ name: `web node ${node.name}`, pids: () => [node.pid], withDescendants: true })),
    { name: "Prosody", pids: () => pidFromFile(path.join(stack.prosody.dir, "prosody.pid")), withDescendants: false },
    { name: "PostgreSQL (all backends)", pids: () => pidFromFile(path.join(stack.postgres.dir, "data", "postmaster.pid")), withDescendants: true },
    { name: "HAProxy (not in the path)", pids: () => childrenNamed("haproxy"), withDescendants: false },
    { name: SOURCE === "xmpp" ? "harness: sender (XMPP)" : "harness: sender (adapter)", pids: () => [process.pid], withDescendants: false },
    ...children.map((child, p) => ({ name: `harness: clients ${p + 1}`, pids: () => [child.pid ?? -1], withDescendants: false })),
  ];
  const sampler = createUsageSampler(groups);
  console.log(`  pids: ${groups.map((group) => `${group.name} ${group.pids().join(",")}`).join("; ")}`);

  const publish = SOURCE === "xmpp" ? null : await adapterPublisher(memberIds);

  // Changes: change i by member i mod MEMBERS, due at i / RATE seconds; the first warmupChanges are
  // not measured.
  const sentAt = new Float64Array(measuredChanges);
  let mostBehind = 0;
  const started = nowMs();
  let measureStarted = started;
  for (let i = 0; i < warmupChanges + measuredChanges; i++) {
    const due = started + (i * 1_000) / RATE;
    if (due - nowMs() >= 1) await sleep(due - nowMs());
    if (i === warmupChanges) {
      for (const child of children) tell(child, { type: "measure" });
      await sampler.start();
      measureStarted = nowMs();
    }
    const at = nowMs();
    if (i >= warmupChanges) {
      sentAt[i - warmupChanges] = at;
      mostBehind = Math.max(mostBehind, at - due);
    }
    if (publish) publish(i % MEMBERS, `${STATUS_PREFIX}${i}`);
    else await members[i % MEMBERS]!.sendPresence({ status: `${STATUS_PREFIX}${i}` });
  }
  const usage = await sampler.stop();
  const sendSeconds = (nowMs() - measureStarted) / 1_000;

  // Whatever is still on its way: until every delivery has arrived or none has for 5 s.
  const expected = measuredChanges * CLIENTS;
  let received = 0;
  for (let quietSince = nowMs(); nowMs() - quietSince < 5_000; ) {
    const now = (await Promise.all(children.map((child) => ask(child, { type: "progress" }, "progress")))).reduce((sum, p) => sum + p.received, 0);
    if (now > received) quietSince = nowMs();
    received = now;
    if (received >= expected) break;
    await sleep(250);
  }
  const results = await Promise.all(children.map((child) => ask(child, { type: "sent", sentAt }, "latencies")));
  const stored = await stack.db.presenceEvent.count({ where: { statusText: { startsWith: STATUS_PREFIX } } });

  // Every delivery's latency, overall, per node and per second of sending.
  const perNode = nodeNames.map(() => ({ latencies: [] as number[], missing: 0 }));
  const perSecond = Array.from({ length: SECONDS }, () => [] as number[]);
  for (const result of results) {
    result.nodes.forEach((node, client) => {
      const bucket = perNode[node]!;
      for (let k = 0; k < measuredChanges; k++) {
        const latency = result.latencies[client * measuredChanges + k]!;
        if (Number.isNaN(latency)) {
          bucket.missing++;
          continue;
        }
        bucket.latencies.push(latency);
        perSecond[Math.floor(k / RATE)]!.push(latency);
      }
    });
  }
  const all = Float64Array.from(perNode.flatMap((node) => node.latencies)).sort();
  const summary = (sorted: Float64Array) => {
    const at = (q: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!);
    return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1), count: sorted.length };
  };
  const overall = summary(all);
  const missing = perNode.reduce((sum, node) => sum + node.missing, 0);

  console.log(
    `\nsent ${measuredChanges} changes in ${sendSeconds.toFixed(1)} s (${(measuredChanges / sendSeconds).toFixed(0)}/s, at most ${mostBehind.toFixed(0)} ms behind schedule)` +
      (SOURCE === "xmpp" ? `; the worker stored ${stored} of ${warmupChanges + measuredChanges} (warm-up included)` : ""),
  );
  console.log(`deliveries: ${overall.count} of ${expected} expected (${(overall.count / sendSeconds).toFixed(0)}/s), ${missing} missing, ${results.reduce((s, r) => s + r.duplicates, 0)} duplicates, ${results.reduce((s, r) => s + r.disconnects, 0)} client disconnects\n`);
  const statuses = new Map<string, number>();
  for (const result of results) for (const [status, n] of Object.entries(result.statuses)) statuses.set(status, (statuses.get(status) ?? 0) + n);
  const snapshots = results.reduce((sum, r) => sum + r.snapshots, 0);
  if (snapshots > 0 || statuses.size > 0) {
    console.log(`while measuring, clients received ${snapshots} snapshots and these status messages: ${[...statuses].map(([status, n]) => `${n} × ${status}`).join("; ") || "none"}\n`);
  }
  printTable(
    ["delivery latency (ms)", "deliveries", "missing", "p50", "p95", "p99", "max"],
    [
      ["all", overall.count, missing, ...quantiles(overall)],
      ...perNode.map((node, n) => {
        const s = summary(Float64Array.from(node.latencies).sort());
        return [`node ${nodeNames[n]}`, s.count, node.missing, ...quantiles(s)];
      }),
    ],
  );
  console.log("\nper second of sending: deliveries arrived, p50 / p99 / max ms");
  console.log(
    perSecond
      .map((latencies, s) => {
        const q = summary(Float64Array.from(latencies).sort());
        const arrived = `${((100 * q.count) / (RATE * CLIENTS)).toFixed(0)}%`.padStart(5);
        return `  ${String(s + 1).padStart(2)}: ${arrived}` + (q.count ? `  ${q.p50.toFixed(0)} / ${q.p99.toFixed(0)} / ${q.max.toFixed(0)}` : "");
      })
      .join("\n"),
  );
  console.log("");
  printUsage(usage, sendSeconds);
  const total = usage.reduce((sum, u) => sum + u.cpuPercent, 0);
  const harness = usage.filter((u) => u.name.startsWith("harness")).reduce((sum, u) => sum + u.cpuPercent, 0);
  console.log(
    `\nthe harness (sender and client processes) used ${harness.toFixed(0)}% of a core, the product ${(total - harness).toFixed(0)}%; the machine has ${os.availableParallelism()} cores (${os.availableParallelism() * 100}%)` +
      (total > os.availableParallelism() * 90 ? ": it was saturated, and the latencies include waiting for a core" : ""),
  );
  console.log(
    `client processes' event-loop delay while measuring (p50 / p99 / max ms): ${results.map((r) => `${r.eventLoopDelayMs.p50.toFixed(1)} / ${r.eventLoopDelayMs.p99.toFixed(1)} / ${r.eventLoopDelayMs.max.toFixed(0)}`).join(";  ")}`,
  );
  // A delivery that never arrived has no latency: a run with any is not within the budget.
  console.log(`budget p99 < ${BUDGET_P99_MS} ms: ${overall.p99 < BUDGET_P99_MS && missing === 0 ? "met" : `MISSED${missing ? ` (${missing} deliveries missing)` : ""}`}`);
} finally {
  for (const child of children) {
    if (child.connected) tell(child, { type: "close" });
    child.kill();
  }
  for (const close of closers) await close().catch(() => {});
  await Promise.all(members.map((member) => member.stop().catch(() => {})));
  await stack.stop();
  if (process.env.BENCH_KEEP_DATA) console.log(`kept ${dataDir} (the processes' logs are in logs/)`);
  else rmSync(dataDir, { recursive: true, force: true });
}

/** Publishes a member's view with a new status text as the worker does after storing a change. */
async function adapterPublisher(ids: string[]): Promise<(member: number, statusText: string) => void> {
  const logger = createLogger("bench", "warn");
  const reads: MemberViewRead[] = [];
  for (const id of ids) {
    const read = await loadMemberView(stack.db, true, id);
    if (!read) throw new Error(`member ${id} has no view`);
    reads.push(read);
  }
  const cluster = await createFeedAdapter(stack.databaseUrl, logger);
  // Never listening: this feed server has no sockets of its own, only the adapter.
  const feed = attachFeedServer(createServer(), {
    origins: [],
    logger,
    db: stack.db,
    feedSecret: "unused: no socket connects here",
    snapshot: () => Promise.reject(new Error("no socket connects here")),
    latestBoardPost: () => null,
    adapter: cluster.adapter,
  });
  closers.push(async () => {
    await feed.close();
    await cluster.close();
  });
  return (member, statusText) => {
    const read = reads[member]!;
    feed.publishUpdates([{ ...read, view: { ...read.view, statusText } }]);
  };
}

function quantiles(s: { p50: number; p95: number; p99: number; max: number }): string[] {
  return [s.p50, s.p95, s.p99, s.max].map((ms) => ms.toFixed(1));
}

function printUsage(usage: GroupUsage[], seconds: number): void {
  const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);
  printTable(
    [`process (over ${seconds.toFixed(0)} s)`, "CPU % of a core", "peak RSS MB", "peak PSS MB", "processes"],
    [
      ...usage.map((u) => [u.name, u.cpuPercent.toFixed(0), mb(u.peakRssBytes), mb(u.peakPssBytes), u.processes]),
      ["total", usage.reduce((sum, u) => sum + u.cpuPercent, 0).toFixed(0), "", "", ""],
    ],
  );
}

function printTable(header: string[], rows: Array<Array<string | number>>): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((row) => row[c]?.length ?? 0)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of cells.slice(1)) console.log(line(row));
}

function tell(child: ChildProcess, message: ToClients): void {
  if (!child.connected) throw new Error(`client process ${child.pid} has exited (code ${child.exitCode})`);
  child.send(message);
}

function nextMessage<T extends FromClients["type"]>(child: ChildProcess, type: T, timeoutMs = 120_000): Promise<Extract<FromClients, { type: T }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      child.off("message", onMessage);
      child.off("exit", onExit);
      clearTimeout(timer);
    };
    const onMessage = (message: FromClients) => {
      if (message.type !== type) return;
      done();
      resolve(message as Extract<FromClients, { type: T }>);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`a client process exited (${code}) before answering "${type}"`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`a client process did not answer "${type}" within ${timeoutMs / 1_000} s`));
    }, timeoutMs);
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

function ask<T extends FromClients["type"]>(child: ChildProcess, message: ToClients, answer: T): Promise<Extract<FromClients, { type: T }>> {
  const reply = nextMessage(child, answer);
  tell(child, message);
  return reply;
}

async function inBatches<T>(items: T[], size: number, each: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(each));
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs / 1_000} s: ${what}`);
    await sleep(500);
  }
}
