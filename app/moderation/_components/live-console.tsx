"use client";
// Keeps a console page true without a reload: the worker tells moderators' sockets which part of the
// console changed (a roster push, a subscription request, a command's state; never the content), and
// the page is read again from the server, which authorises it as any request. Every (re)connect reads
// it again too, for whatever changed before the socket was there.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { openFeedSocket } from "@/app/_components/feed-socket";
import { consoleChangeSchema, REALTIME_EVENTS } from "@/lib/realtime/events";

/** A burst of changes (a roster of fifty arriving) becomes one read of the page. */
const REFRESH_AT_MOST_EVERY_MS = 750;

export function LiveConsole({ realtimeUrl }: { realtimeUrl: string }) {
  const router = useRouter();
  const [live, setLive] = useState<boolean | null>(null);
  const lastRefresh = useRef(0);

  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      if (pending) return;
      const wait = Math.max(0, lastRefresh.current + REFRESH_AT_MOST_EVERY_MS - Date.now());
      pending = setTimeout(() => {
        pending = undefined;
        lastRefresh.current = Date.now();
        router.refresh();
      }, wait);
    };
    const socket = openFeedSocket(realtimeUrl, "console");
    socket.on("connect", () => {
      setLive(true);
      refresh(); // whatever changed between the page's render (or the last socket) and now
    });
    socket.on("disconnect", () => setLive(false));
    socket.on("connect_error", () => setLive(false));
    socket.on(REALTIME_EVENTS.consoleChange, (payload: unknown) => {
      if (consoleChangeSchema.safeParse(payload).success) refresh();
    });
    // The token ran out: come back at once with a fresh one (a demoted moderator is refused then).
    socket.on(REALTIME_EVENTS.reauthenticate, () => {
      socket.once("disconnect", () => socket.connect());
    });
    return () => {
      clearTimeout(pending);
      socket.removeAllListeners();
      socket.close();
    };
  }, [realtimeUrl, router]);

  if (live === null) return null;
  return (
    <p className={`live-status ${live ? "live-status--live" : "live-status--paused"}`} role="status" data-testid="console-live">
      {live ? (
        <>
          <span className="live-status__pulse" aria-hidden="true" />
          Live: changes appear as they happen
        </>
      ) : (
        <>
          <strong>Not live:</strong> reload to see the latest changes.
        </>
      )}
    </p>
  );
}
