// Opening the worker's socket.io feed from the browser, for the board's live presence and for the
// moderators' console: each (re)connect proves the viewer again with a fresh token from the board.
import { io, type Socket } from "socket.io-client";
import { z } from "zod";
import type { FeedChannel } from "@/lib/realtime/events";

// The board's Content-Security-Policy allows no eval; zod would otherwise try `new Function` once to
// see whether it may compile its parsers (caught, but reported as a violation). The feed's payloads
// are the only ones parsed in the browser, and every page that parses one opens the feed here first.
z.config({ jitless: true });

const feedTokenSchema = z.object({ token: z.string().min(1).max(4_096) });

/** A fresh token naming this browser's viewer; without one we are a visitor. */
async function fetchFeedToken(): Promise<string | undefined> {
  try {
    const response = await fetch("/api/feed-token", { cache: "no-store", credentials: "same-origin" });
    if (!response.ok) return undefined;
    return feedTokenSchema.safeParse(await response.json()).data?.token;
  } catch {
    return undefined;
  }
}

export function openFeedSocket(realtimeUrl: string, channel: FeedChannel): Socket {
  return io(realtimeUrl, {
    transports: ["websocket", "polling"],
    tryAllTransports: true, // fall back to long-polling where a proxy blocks WebSockets
    reconnectionDelayMax: 5_000,
    // Called on every (re)connect, so each handshake carries a token that has not expired.
    auth: (send) => void fetchFeedToken().then((token) => send(token ? { token, channel } : { channel })),
  });
}
