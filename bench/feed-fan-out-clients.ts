// One process of the fan-out benchmark's browsers (bench/feed-fan-out.ts forks a few, so that one
// process's event loop is not what the benchmark measures): it opens its share of feed sockets,
// each straight to one web node with an address of its own, notes when each socket receives each
// measured change and, once told when each change was sent, gives back every delivery's latency.
// Times are process.hrtime (CLOCK_MONOTONIC), the same clock in every process on the machine.
//
// The sockets are lean stand-ins for browsers, not socket.io-client: the clients share the nodes' two
// cores, and socket.io-client cost about 50 µs of CPU per frame received (engine.io's and socket.io's
// decoders, JSON.parse of every frame), as much as the nodes spent sending it, so the benchmark
// measured mostly its own clients. Each socket here is a `ws` WebSocket that speaks just enough of
// socket.io's protocol (v5, over engine.io v4's WebSocket transport) to be a visitor's feed socket:
// it connects to the main namespace, answers pings, and finds each measured change's number in the
// raw `presence:updates` frame without parsing it. Browsers are checked by the e2e tests.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { REALTIME_EVENTS } from "@/lib/realtime/events";
import { nowMs, type FromClients, type ToClients } from "@/bench/feed-fan-out-protocol";

const send = (message: FromClients) => process.send?.(message);

const sockets: FeedSocket[] = [];
let receipts = new Float64Array(0);
let nodes = new Uint8Array(0);
let receivedCount = 0;
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
      send({ type: "progress", received: receivedCount });
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

/** engine.io v4 packets (the first character of a text frame) and socket.io v5 packets inside a message. */
const ENGINE = { open: "0", ping: "2", pong: "3", message: "4" } as const;
const SOCKET_IO = { connect: "0", event: "2", connectError: "4" } as const;
const eventPrefix = (event: string) => `${ENGINE.message}${SOCKET_IO.event}${JSON.stringify([event]).slice(0, -1)},`;
const UPDATES = eventPrefix(REALTIME_EVENTS.updates);
const SNAPSHOT = eventPrefix(REALTIME_EVENTS.snapshot);
const STATUS = eventPrefix(REALTIME_EVENTS.status);

/**
 * A visitor's feed socket on one web node, opened again a second after it is refused or lost, as a
 * browser's is (it then gets a fresh snapshot, and the changes after it).
 */
class FeedSocket {
  private ws: WebSocket | null = null;
  private reopen: NodeJS.Timeout | null = null;
  private closing = false;
  constructor(
    private readonly url: string,
    private readonly address: string,
    private readonly on: { frame: (frame: string) => void; refused: (reason: string) => void; lost: () => void },
  ) {}

  open() {
    this.reopen = null;
    if (this.closing) return;
    const ws = new WebSocket(this.url, { headers: { "x-forwarded-for": this.address }, perMessageDeflate: false });
    this.ws = ws;
    let connected = false;
    ws.on("message", (data: WebSocket.RawData, isBinary: boolean) => {
      if (isBinary) return;
      const frame = data.toString();
      if (frame === ENGINE.ping) return ws.send(ENGINE.pong);
      if (frame.startsWith(ENGINE.open)) return ws.send(ENGINE.message + SOCKET_IO.connect);
      if (frame.startsWith(ENGINE.message + SOCKET_IO.connect)) return void (connected = true);
      if (frame.startsWith(ENGINE.message + SOCKET_IO.connectError)) {
        this.on.refused(refusal(frame.slice(2)));
        return ws.close();
      }
      this.on.frame(frame);
    });
    ws.on("error", (error) => {
      if (!connected) this.on.refused(error.message); // after connecting, the close says it
    });
    ws.on("close", () => {
      if (this.closing) return;
      if (connected) this.on.lost();
      this.reopen = setTimeout(() => this.open(), 1_000);
    });
  }

  close() {
    this.closing = true;
    if (this.reopen) clearTimeout(this.reopen);
    this.ws?.close();
  }
}

/** The middleware's refusal (`{"message":…}`) in words. */
function refusal(payload: string): string {
  try {
    return String((JSON.parse(payload) as { message?: unknown }).message ?? payload);
  } catch {
    return payload;
  }
}

async function connectAll(plan: Extract<ToClients, { type: "connect" }>): Promise<{ clients: number; refused: number; errors: string[] }> {
  ({ firstSeq, count } = plan);
  // Each measured change has a status text of its own: "<prefix><sequence number>".
  const needle = `${JSON.stringify("statusText")}:${JSON.stringify(plan.statusPrefix).slice(0, -1)}`;
  receipts = new Float64Array(plan.clients.length * count);
  nodes = Uint8Array.from(plan.clients, (client) => client.node);
  const errors = new Set<string>();
  let refused = 0;
  const opens = plan.clients.map((client, i) => {
    const base = i * count;
    const received = (frame: string, at: number) => {
      for (let from = frame.indexOf(needle); from !== -1; from = frame.indexOf(needle, from)) {
        from += needle.length;
        let end = from;
        while (frame.charCodeAt(end) >= 48 && frame.charCodeAt(end) <= 57) end++;
        const k = Number(frame.slice(from, end)) - firstSeq;
        if (!(k >= 0 && k < count)) continue; // a warm-up change
        if (receipts[base + k] !== 0) {
          duplicates++;
          continue;
        }
        receipts[base + k] = at;
        receivedCount++;
      }
    };
    return () =>
      new Promise<void>((resolve) => {
        const url = `${client.url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`;
        const socket = new FeedSocket(url, client.address, {
          frame(frame) {
            if (frame.startsWith(UPDATES)) return received(frame, nowMs());
            if (frame.startsWith(SNAPSHOT)) {
              if (measuring) snapshots++;
              return resolve();
            }
            if (frame.startsWith(STATUS) && measuring) {
              const [, status] = JSON.parse(frame.slice(2)) as [string, { live: boolean; reason: string | null }];
              const key = status.live ? "live" : `paused: ${status.reason}`;
              statuses.set(key, (statuses.get(key) ?? 0) + 1);
            }
          },
          refused(reason) {
            refused++;
            errors.add(reason);
          },
          lost: () => void disconnects++,
        });
        sockets.push(socket);
        socket.open();
      });
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
