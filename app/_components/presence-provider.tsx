"use client";
// Holds the presence the page shows: starts from what the server rendered, then follows the
// worker's socket.io feed. Any doubt (socket down, worker not live) greys every dot to "unknown".
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { io } from "socket.io-client";
import type { MemberPresenceView } from "@/lib/presence/member-presence";
import { feedStatusSchema, memberPresenceViewSchema, presenceSnapshotSchema, REALTIME_EVENTS, type FeedStatus } from "@/lib/realtime/events";

const CONNECT_PATIENCE_MS = 5_000;

type PresenceContextValue = { status: FeedStatus; views: ReadonlyMap<string, MemberPresenceView> };

const PresenceContext = createContext<PresenceContextValue>({ status: { live: false, reason: null }, views: new Map() });

export function PresenceProvider(props: {
  realtimeUrl: string;
  initialStatus: FeedStatus;
  initialViews: MemberPresenceView[];
  children: ReactNode;
}) {
  const { realtimeUrl, initialStatus, initialViews } = props;
  const [status, setStatus] = useState<FeedStatus>(initialStatus);
  const [views, setViews] = useState<ReadonlyMap<string, MemberPresenceView>>(
    () => new Map(initialViews.map((view) => [view.memberId, view])),
  );

  useEffect(() => {
    const socket = io(realtimeUrl, { transports: ["websocket", "polling"], reconnectionDelayMax: 5_000 });
    const patience = setTimeout(() => {
      if (!socket.connected) setStatus({ live: false, reason: "cannot reach the live presence feed" });
    }, CONNECT_PATIENCE_MS);
    socket.on(REALTIME_EVENTS.snapshot, (payload: unknown) => {
      const snapshot = presenceSnapshotSchema.safeParse(payload);
      if (!snapshot.success) return;
      setViews(new Map(snapshot.data.members.map((view) => [view.memberId, view])));
      setStatus(snapshot.data.status);
    });
    socket.on(REALTIME_EVENTS.update, (payload: unknown) => {
      const view = memberPresenceViewSchema.safeParse(payload);
      if (!view.success) return;
      setViews((previous) => new Map(previous).set(view.data.memberId, view.data));
    });
    socket.on(REALTIME_EVENTS.status, (payload: unknown) => {
      const next = feedStatusSchema.safeParse(payload);
      if (next.success) setStatus(next.data);
    });
    socket.on("disconnect", () => setStatus({ live: false, reason: "the connection to the live presence feed was lost; reconnecting" }));
    socket.on("connect_error", () => setStatus({ live: false, reason: "cannot reach the live presence feed; retrying" }));
    return () => {
      clearTimeout(patience);
      socket.close();
    };
  }, [realtimeUrl]);

  const value = useMemo(() => ({ status, views }), [status, views]);
  return <PresenceContext.Provider value={value}>{props.children}</PresenceContext.Provider>;
}

/** A member's presence as this page may show it: never online while the feed is not live. */
export function useMemberPresence(memberId: string): MemberPresenceView | null {
  const { status, views } = useContext(PresenceContext);
  const view = views.get(memberId);
  if (!view) return null;
  if (status.live) return view;
  return { ...view, state: "unknown", statusText: null, since: null, idleSince: null, chatUri: null };
}

export function useFeedStatus(): FeedStatus {
  return useContext(PresenceContext).status;
}
