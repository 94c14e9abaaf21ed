// A socket.io client that keeps what a page would draw from the worker's feed: the latest snapshot
// with the updates since, and whether the feed is live. For tests that follow the feed across worker
// crashes and takeovers (it reconnects quickly, as a browser does).
import { io, type Socket } from "socket.io-client";
import type { MemberPresenceView } from "@/lib/presence/member-presence";
import { REALTIME_EVENTS, type FeedStatus, type PresenceSnapshot } from "@/lib/realtime/events";

export type FeedFollower = { socket: Socket; snapshots: PresenceSnapshot[]; states: Map<string, string>; live: boolean };

export function followFeed(url: string): FeedFollower {
  const socket = io(url, { transports: ["websocket"], reconnectionDelay: 100, reconnectionDelayMax: 500, auth: { channel: "presence" } });
  const follower: FeedFollower = { socket, snapshots: [], states: new Map(), live: false };
  socket.on(REALTIME_EVENTS.snapshot, (snapshot: PresenceSnapshot) => {
    follower.snapshots.push(snapshot);
    follower.live = snapshot.status.live;
    for (const view of snapshot.members) follower.states.set(view.memberId, view.state);
  });
  socket.on(REALTIME_EVENTS.updates, (views: MemberPresenceView[]) => {
    for (const view of views) follower.states.set(view.memberId, view.state);
  });
  socket.on(REALTIME_EVENTS.status, (status: FeedStatus) => (follower.live = status.live));
  socket.on("disconnect", () => (follower.live = false));
  return follower;
}
