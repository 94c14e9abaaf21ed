// The socket.io contract between the worker (server) and the board (browser). Payloads are
// validated on receipt with these schemas; types are inferred from them.
import { z } from "zod";
import { PRESENCE_STATES } from "@/lib/presence/states";

/** A member's presence as a viewer sees it; `since` etc. are ISO times, `chatUri` only while online. */
export const memberPresenceViewSchema = z.object({
  memberId: z.string().min(1).max(64),
  state: z.enum(PRESENCE_STATES),
  statusText: z.string().max(1024).nullable(),
  since: z.string().max(40).nullable(),
  idleSince: z.string().max(40).nullable(),
  lastSeenAt: z.string().max(40).nullable(),
  // A JID is at most 3 × 1023 bytes; percent-encoded that can triple.
  chatUri: z.string().max(10_000).startsWith("xmpp:").nullable(),
});

/** Whether presence is live: the worker holds an XMPP session. `reason` is plain words for people. */
export const feedStatusSchema = z.object({
  live: z.boolean(),
  reason: z.string().max(300).nullable(),
});

/** One malformed member is dropped on its own; it never costs the browser the whole snapshot. */
export const presenceSnapshotSchema = z.object({
  status: feedStatusSchema,
  members: z
    .array(z.unknown())
    .max(100_000)
    .transform((members) => members.flatMap((member) => memberPresenceViewSchema.safeParse(member).data ?? [])),
});

/**
 * Members' changed views, oldest first: one change, or under heavy fan-out the latest view of each
 * member changed within the last few tens of milliseconds (lib/realtime/feed-server.ts). A malformed
 * view is dropped on its own.
 */
export const presenceUpdatesSchema = z
  .array(z.unknown())
  .max(100_000)
  .transform((views) => views.flatMap((view) => memberPresenceViewSchema.safeParse(view).data ?? []));

/** A new visible post exists; only its time, never a title or author (posts are public, one event for all). */
export const boardPostEventSchema = z.object({
  latestPostAt: z.iso.datetime(),
});

/**
 * Which part of the moderators' console changed, and nothing of what changed: the page reads it again
 * from the board, authorised like any request.
 */
export const CONSOLE_TOPICS = ["roster", "requests", "commands", "blocks"] as const;
export const consoleChangeSchema = z.object({ topic: z.enum(CONSOLE_TOPICS) });

/** What a socket is for: the board's presence (its audience's snapshot and updates) or the console. */
export const FEED_CHANNELS = ["presence", "console"] as const;
export type FeedChannel = (typeof FEED_CHANNELS)[number];

export type FeedStatus = z.infer<typeof feedStatusSchema>;
export type ConsoleChange = z.infer<typeof consoleChangeSchema>;
export type BoardPostEvent = z.infer<typeof boardPostEventSchema>;
export type PresenceSnapshot = z.infer<typeof presenceSnapshotSchema>;

/** Event names. A client receives a snapshot on every (re)connect, then updates (in batches) and status changes. */
export const REALTIME_EVENTS = {
  snapshot: "presence:snapshot",
  updates: "presence:updates",
  status: "feed:status",
  /** The viewer's token has run out: reconnect with a fresh one (the session may have ended). */
  reauthenticate: "feed:reauthenticate",
  /** The newest visible post's time: on every (re)connect and whenever a newer one appears. */
  boardPost: "board:new-post",
  /** To moderators' console sockets only: part of the console changed (see consoleChangeSchema). */
  consoleChange: "console:changed",
} as const;

/** Why the feed refuses a connection whose token is forged or expired; the browser fetches a new one. */
export const FEED_REFUSED = "invalid feed token";
/** Why the feed refuses a connection from an address with too many (lib/realtime/feed-connection-gate.ts). */
export const FEED_BUSY = "Too many live connections from your network. Trying again shortly.";
