"use client";
// Holds the presence the page shows: starts from what the server rendered, then follows the
// worker's socket.io feed. Any doubt (socket down, feed not live) greys every dot to "unknown".
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { openFeedSocket } from "@/app/_components/feed-socket";
import type { MemberPresenceView } from "@/lib/presence/member-presence";
import { pausedView } from "@/lib/presence/paused-view";
import {
  boardPostEventSchema,
  FEED_BUSY,
  FEED_REFUSED,
  feedStatusSchema,
  presenceUpdatesSchema,
  presenceSnapshotSchema,
  REALTIME_EVENTS,
  type BoardPostEvent,
  type FeedStatus,
} from "@/lib/realtime/events";

/** How long a freshly loaded page trusts the server-rendered state without a socket. */
const CONNECT_PATIENCE_MS = 5_000;
/** socket.io does not reconnect by itself after the server hangs up on us; we do, after a pause. */
const REDIAL_AFTER_SERVER_HANGUP_MS = 3_000;
const REDIAL_WHEN_BUSY_MS = 20_000;

const SOCKET_LOST: FeedStatus = { live: false, reason: "The connection to the live presence feed was lost; reconnecting." };
const SOCKET_UNREACHABLE: FeedStatus = { live: false, reason: "Cannot reach the live presence feed; retrying." };

type BoardPostListener = (event: BoardPostEvent) => void;

type PresenceContextValue = {
  status: FeedStatus;
  views: ReadonlyMap<string, MemberPresenceView>;
  /** Hears of new board posts on the same socket; returns the unsubscribe. */
  subscribeBoardPosts: (listener: BoardPostListener) => () => void;
};

const PresenceContext = createContext<PresenceContextValue>({ status: { live: false, reason: null }, views: new Map(), subscribeBoardPosts: () => () => undefined });

export type PresenceProviderProps = {
  /** socket.io address of the worker's feed (NARTHEX_REALTIME_URL, read on the server). */
  realtimeUrl: string;
  initialStatus: FeedStatus;
  initialViews: MemberPresenceView[];
  children: ReactNode;
};

export function PresenceProvider({ realtimeUrl, initialStatus, initialViews, children }: PresenceProviderProps) {
  const [status, setStatus] = useState<FeedStatus>(initialStatus);
  const [views, setViews] = useState<ReadonlyMap<string, MemberPresenceView>>(
    () => new Map(initialViews.map((view) => [view.memberId, view])),
  );

  const renderedLive = initialStatus.live;
  const boardPostListeners = useRef(new Set<BoardPostListener>());
  const subscribeBoardPosts = useCallback((listener: BoardPostListener) => {
    boardPostListeners.current.add(listener);
    return () => void boardPostListeners.current.delete(listener);
  }, []);

  useEffect(() => {
    // Views held through a pause may be stale (and views rendered while paused carry no state), so
    // only a snapshot, sent on every reconnect and whenever the feed goes live, turns the dots on.
    let viewsFresh = renderedLive;
    const pause = (next: FeedStatus) => {
      viewsFresh = false;
      setStatus(next);
    };

    const socket = openFeedSocket(realtimeUrl, "presence");
    const patience = setTimeout(() => {
      if (!socket.connected) pause(SOCKET_UNREACHABLE);
    }, CONNECT_PATIENCE_MS);
    let redial: ReturnType<typeof setTimeout> | undefined;
    let reauthenticating = false;

    socket.on(REALTIME_EVENTS.snapshot, (payload: unknown) => {
      const snapshot = presenceSnapshotSchema.safeParse(payload);
      if (!snapshot.success) return;
      viewsFresh = true;
      setViews(new Map(snapshot.data.members.map((view) => [view.memberId, view])));
      setStatus(snapshot.data.status);
    });
    socket.on(REALTIME_EVENTS.updates, (payload: unknown) => {
      const updates = presenceUpdatesSchema.safeParse(payload);
      if (!updates.success || updates.data.length === 0) return;
      setViews((previous) => {
        const next = new Map(previous);
        for (const view of updates.data) next.set(view.memberId, view);
        return next;
      });
    });
    socket.on(REALTIME_EVENTS.status, (payload: unknown) => {
      const next = feedStatusSchema.safeParse(payload);
      if (!next.success) return;
      if (!next.data.live) pause(next.data);
      else if (viewsFresh) setStatus(next.data);
    });
    socket.on(REALTIME_EVENTS.boardPost, (payload: unknown) => {
      const event = boardPostEventSchema.safeParse(payload);
      if (!event.success) return;
      for (const listener of boardPostListeners.current) listener(event.data);
    });
    // The feed's token ran out: reconnect at once with a fresh one; its snapshot replaces the views.
    socket.on(REALTIME_EVENTS.reauthenticate, () => {
      reauthenticating = true;
    });
    socket.on("disconnect", (reason) => {
      if (reauthenticating && reason === "io server disconnect") {
        reauthenticating = false;
        socket.connect();
        return;
      }
      pause(SOCKET_LOST);
      if (reason === "io server disconnect") redial = setTimeout(() => socket.connect(), REDIAL_AFTER_SERVER_HANGUP_MS);
    });
    socket.on("connect_error", (error) => {
      pause(SOCKET_UNREACHABLE);
      // A refused token (expired on the way, or the secret rotated) is not retried by socket.io.
      if (error.message === FEED_REFUSED && !socket.active) {
        clearTimeout(redial);
        redial = setTimeout(() => socket.connect(), REDIAL_AFTER_SERVER_HANGUP_MS);
      }
      // Nor is a refusal for too many connections from this network: later, and not all at once.
      if (error.message === FEED_BUSY && !socket.active) {
        pause({ live: false, reason: FEED_BUSY });
        clearTimeout(redial);
        redial = setTimeout(() => socket.connect(), REDIAL_WHEN_BUSY_MS * (1 + Math.random()));
      }
    });

    return () => {
      clearTimeout(patience);
      clearTimeout(redial);
      socket.removeAllListeners();
      socket.close();
    };
  }, [realtimeUrl, renderedLive]);

  const value = useMemo(() => ({ status, views, subscribeBoardPosts }), [status, views, subscribeBoardPosts]);
  return <PresenceContext.Provider value={value}>{children}</PresenceContext.Provider>;
}

/** A member's presence as this page may show it: never online while the feed is not live. */
export function useMemberPresence(memberId: string): MemberPresenceView | null {
  const { status, views } = useContext(PresenceContext);
  const view = views.get(memberId);
  if (!view) return null;
  return status.live ? view : pausedView(view);
}

export function useFeedStatus(): FeedStatus {
  return useContext(PresenceContext).status;
}

/** Calls `listener` for every new-post event of the page's feed (validated), until unmounted. */
export function useBoardPostEvents(listener: BoardPostListener): void {
  const { subscribeBoardPosts } = useContext(PresenceContext);
  useEffect(() => subscribeBoardPosts(listener), [subscribeBoardPosts, listener]);
}
