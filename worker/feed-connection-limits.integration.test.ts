// Feed sockets per client address, against the real worker (real Prosody, SQLite, socket.io): one
// address gets so many sockets open at once and so many attempts a minute, is refused in words
// beyond that, and other addresses are not affected (issue 7, rate limits on socket connections).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { FEED_BUSY } from "@/lib/realtime/events";
import { startTestStack, type TestStack } from "@/scripts/lib/test-stack";

let stack: TestStack;
const sockets: Socket[] = [];

beforeAll(async () => {
  stack = await startTestStack({ tuning: { feedConnections: { attemptsPerMinute: 5, openPerAddress: 3 } } });
  await stack.startWorker();
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await stack?.stop();
});

/** A socket as a browser behind the reverse proxy opens it: the proxy appends the browser's address. */
function connectFrom(address: string): Promise<{ socket: Socket; refused: string | null }> {
  const socket = io(`http://127.0.0.1:${stack.worker.realtimePort}`, {
    transports: ["websocket"],
    reconnection: false,
    extraHeaders: { "x-forwarded-for": `10.9.9.9, ${address}` },
    auth: { channel: "presence" },
  });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once("connect", () => resolve({ socket, refused: null }));
    socket.once("connect_error", (error) => resolve({ socket, refused: error.message }));
  });
}

describe("feed connections per address", () => {
  it("refuses a fourth open socket from one address in words, and lets another address in", async () => {
    const open = await Promise.all([connectFrom("203.0.113.1"), connectFrom("203.0.113.1"), connectFrom("203.0.113.1")]);
    expect(open.map(({ refused }) => refused)).toEqual([null, null, null]);

    const fourth = await connectFrom("203.0.113.1");
    expect(fourth.refused).toBe(FEED_BUSY);
    expect((await connectFrom("203.0.113.2")).refused).toBeNull();

    // One closes: its place is free again, until the address's attempts for the minute run out.
    open[0]?.socket.close();
    await expect.poll(async () => {
      const again = await connectFrom("203.0.113.1");
      again.socket.close();
      return again.refused;
    }).toBeNull();
    const attemptsLeft = [];
    for (let i = 0; i < 3; i += 1) {
      const attempt = await connectFrom("203.0.113.1");
      attemptsLeft.push(attempt.refused);
      attempt.socket.close();
    }
    // Five attempts a minute: three, then the one after the close, then one more; a refusal for too
    // many open sockets does not use one up.
    expect(attemptsLeft).toEqual([null, FEED_BUSY, FEED_BUSY]);
  });
});
