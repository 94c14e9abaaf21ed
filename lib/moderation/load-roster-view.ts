// The moderators' console's roster: every contact of the bot's roster mirror with its linked member
// and stored presence, the subscription requests waiting for an answer, and whether the worker is
// live. A fixed number of queries however long the roster is (no query per row).
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";
import type { Result } from "@/lib/members/create-member";
import { feedStatusFromWorker } from "@/lib/presence/load-member-presence";
import type { PresenceState } from "@/lib/presence/states";
import { parseStoredGroups } from "@/lib/roster/roster-item";

export type RosterRow = {
  jid: string;
  name: string | null;
  groups: string[];
  subscription: "none" | "to" | "from" | "both";
  pendingOut: boolean;
  pendingIn: boolean;
  /** The member who linked this JID (verified or still confirming), if any. */
  member: { id: string; handle: string; displayName: string; verified: boolean; suspended: boolean } | null;
  /** The stored presence of the JID (state as in PresenceState, status text, since), null if none stored. */
  presence: { state: PresenceState; statusText: string | null; since: Date } | null;
};

export type PendingRequest = { jid: string; firstAt: Date; lastAt: Date; onRoster: boolean };

export type RosterView = { rows: RosterRow[]; requests: PendingRequest[]; workerLive: boolean };

export async function loadRosterView(db: Db, viewer: Viewer): Promise<Result<RosterView>> {
  const allowed = authorize(viewer, "moderation.view");
  if (!allowed.ok) return allowed;
  const [items, requests, worker] = await Promise.all([
    db.rosterItem.findMany({
      orderBy: { jid: "asc" },
      select: { jid: true, name: true, groups: true, subscription: true, pendingOut: true, pendingIn: true },
    }),
    db.subscriptionRequest.findMany({ orderBy: [{ lastAt: "desc" }, { jid: "asc" }] }),
    db.workerState.findUnique({ where: { id: 1 }, select: { xmppStatus: true, detail: true, heartbeatAt: true } }),
  ]);
  const jids = items.map((item) => item.jid);
  const [links, presences] =
    jids.length === 0
      ? [[], []]
      : await Promise.all([
          db.jabberLink.findMany({
            where: { jid: { in: jids } },
            select: {
              jid: true,
              verifiedAt: true,
              member: { select: { id: true, handle: true, displayName: true, suspendedAt: true } },
            },
          }),
          // Moderators see every contact's stored presence whatever the member's visibility setting:
          // they administer the roster, and visibility governs what the board shows, not the console.
          db.presence.findMany({ where: { bareJid: { in: jids } }, select: { bareJid: true, state: true, statusText: true, since: true } }),
        ]);
  const linkByJid = new Map(links.map((link) => [link.jid, link]));
  const presenceByJid = new Map(presences.map((row) => [row.bareJid, row]));
  const requested = new Set(requests.map((request) => request.jid));
  const rows = items.map((item): RosterRow => {
    const link = linkByJid.get(item.jid);
    const presence = presenceByJid.get(item.jid);
    return {
      jid: item.jid,
      name: item.name,
      // A roster item's groups are a set; the server sends them in no particular order (RFC 6121 §2.1.2.4).
      groups: parseStoredGroups(item.groups).sort((a, b) => a.localeCompare(b, "en")),
      subscription: item.subscription,
      pendingOut: item.pendingOut,
      // The mirror's flag, or a kept request: one that came before the JID was on the roster set no flag.
      pendingIn: item.pendingIn || requested.has(item.jid),
      member: link
        ? {
            id: link.member.id,
            handle: link.member.handle,
            displayName: link.member.displayName,
            verified: link.verifiedAt !== null,
            suspended: link.member.suspendedAt !== null,
          }
        : null,
      presence: presence ? { state: presence.state, statusText: presence.statusText, since: presence.since } : null,
    };
  });
  const onRoster = new Set(jids);
  return {
    ok: true,
    value: {
      rows,
      requests: requests.map((request) => ({ jid: request.jid, firstAt: request.firstAt, lastAt: request.lastAt, onRoster: onRoster.has(request.jid) })),
      workerLive: feedStatusFromWorker(worker).live,
    },
  };
}
