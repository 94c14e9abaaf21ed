// One process of the fan-out benchmark's browsers (bench/feed-fan-out.ts forks a few, so that one
// process's event loop is not what the benchmark measures): it opens its share of socket.io clients,
// each straight to one web node with an address of its own, notes when each client receives each
// measured change and, once told when each change was sent, gives back every delivery's latency.
// Times are process.hrtime (CLOCK_MONOTONIC), the same clock in every process on the machine.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { io, type Socket } from "socket.io-client";
import { REALTIME_EVENTS } from "@/lib/realtime/events";
import { nowMs, type FromClients, type ToClients } from "@/bench/feed-fan-out-protocol";

const send = (message: FromClients) => process.send?.(message);

const sockets: Socket[] = [];
let receipts = new Float64Array(0);
let nodes = new Uint8Array(0);
let received = 0;
let duplicates = 0;
let disconnects = 0;
let measuring = false;
/** Snapshots and status messages received while measuring: a resync, or presence paused by the worker. */
let snapshots = 0;
const statuses = new Map<string, number>();
let firstSeq = 0;
let count = 0;
const LOOP_DELAY_RESOLUTION_MS = 10;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });

process.on("message", (message: ToClients) => {
  switch (message.type) {
    case "connect":
      void connectAll(message).then(
        (result) => send({ type: "connected", ...result }),
        (error: unknown) => send({ type: "connected", clients: 0, refused: 0, errors: [String(error)] }),
      );
      return;
    case "measure":
      measuring = true;
      loopDelay.reset();
      loopDelay.enable();
      return;
    case "progress":
      send({ type: "progress", received });
      return;
    case "sent": {
      measuring = false;
      loopDelay.disable();
      const latencies = new Float32Array(receipts.length);
      for (let i = 0; i < receipts.length; i++) {
        const at = receipts[i]!;
        latencies[i] = at === 0 ? Number.NaN : at - message.sentAt[i % count]!;
      }
      // The histogram holds each timer interval whole; the delay is what goes beyond the resolution.
      const ms = (ns: number) => Math.max(0, ns / 1e6 - LOOP_DELAY_RESOLUTION_MS);
      send({
        type: "latencies",
        latencies,
        nodes,
        duplicates,
        disconnects,
        snapshots,
        statuses: Object.fromEntries(statuses),
        eventLoopDelayMs: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) },
      });
      return;
    }
    case "close":
      for (const socket of sockets) socket.close();
      process.disconnect();
      return;
  }
});

async function connectAll(plan: Extract<ToClients, { type: "connect" }>): Promise<{ clients: number; refused: number; errors: string[] }> {
  ({ firstSeq, count } = plan);
  const prefix = plan.statusPrefix;
  receipts = new Float64Array(plan.clients.length * count);
  nodes = Uint8Array.from(plan.clients, (client) => client.node);
  const errors = new Set<string>();
  let refused = 0;
  const opens = plan.clients.map((client, i) => {
    const base = i * count;
    return async () => {
      // forceNew: socket.io-client otherwise shares one connection among clients of the same URL.
      const socket = io(client.url, { transports: ["websocket"], forceNew: true, extraHeaders: { "x-forwarded-for": client.address } });
      sockets.push(socket);
      socket.on(REALTIME_EVENTS.updates, (views: Array<{ statusText: string | null }>) => {
        const at = nowMs();
        for (const view of views) {
          const text = view.statusText;
          if (!text?.startsWith(prefix)) continue;
          const k = Number(text.slice(prefix.length)) - firstSeq;
          if (!(k >= 0 && k < count)) continue; // a warm-up change
          if (receipts[base + k] !== 0) {
            duplicates++;
            continue;
          }
          receipts[base + k] = at;
          received++;
        }
      });
      socket.on("disconnect", () => void disconnects++);
      socket.on(REALTIME_EVENTS.snapshot, () => void (measuring && snapshots++));
      socket.on(REALTIME_EVENTS.status, (status: { live: boolean; reason: string | null }) => {
        if (!measuring) return;
        const key = status.live ? "live" : `paused: ${status.reason}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      });
      await new Promise<void>((resolve) => {
        socket.once(REALTIME_EVENTS.snapshot, () => resolve());
        // A refusal by the feed's middleware is final for socket.io-client: try again shortly, as a browser does.
        socket.on("connect_error", (error) => {
          refused++;
          errors.add(error.message);
          if (!socket.active) setTimeout(() => socket.connect(), 1_000);
        });
      });
    };
  });
  const gapMs = 1_000 / plan.connectsPerSecond;
  const started = performance.now();
  const pending: Array<Promise<void>> = [];
  for (const [i, open] of opens.entries()) {
    const due = started + i * gapMs;
    if (due > performance.now()) await sleep(due - performance.now());
    pending.push(open());
  }
  await Promise.all(pending);
  return { clients: sockets.length, refused, errors: [...errors] };
}
