// What bench/feed-fan-out.ts and its client processes (bench/feed-fan-out-clients.ts) say to each other.

/** One feed socket (bench/feed-fan-out-clients.ts): the web node it connects to (straight, not through HAProxy) and its X-Forwarded-For. */
export type ClientSpec = { url: string; node: number; address: string };

export type ToClients =
  | { type: "connect"; clients: ClientSpec[]; connectsPerSecond: number; statusPrefix: string; firstSeq: number; count: number }
  | { type: "measure" }
  | { type: "progress" }
  | { type: "sent"; sentAt: Float64Array }
  | { type: "close" };

export type FromClients =
  | { type: "connected"; clients: number; refused: number; errors: string[] }
  | { type: "progress"; received: number }
  | {
      type: "latencies";
      /** Client-major: client i's latency for measured change k is at i × count + k; NaN when never received. */
      latencies: Float32Array;
      nodes: Uint8Array;
      duplicates: number;
      disconnects: number;
      /** Snapshots received while measuring (a resync sends every socket one). */
      snapshots: number;
      /** Status messages received while measuring, by what they said. */
      statuses: Record<string, number>;
      eventLoopDelayMs: { p50: number; p99: number; max: number };
    };

/** Milliseconds on CLOCK_MONOTONIC (process.hrtime): one clock for every process on the machine. */
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
