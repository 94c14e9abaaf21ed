import { describe, expect, it } from "vitest";
import { HEARTBEAT_STALE_MS, isPresenceLive, memberPresence, type StoredPresence } from "@/lib/presence/member-presence";

const at = (iso: string) => new Date(iso);
const jid = (bareJid: string, state: StoredPresence["state"], since = "2026-11-23T10:00:00Z", statusText: string | null = null): StoredPresence => ({
  bareJid,
  state,
  statusText,
  since: at(since),
  idleSince: null,
  lastSeenAt: at(since),
});

describe("memberPresence", () => {
  it("has no view for a member without a Jabber ID", () => {
    expect(memberPresence("m1", [], true)).toBeNull();
  });

  it("shows the most reachable of several JIDs with a chat link to it", () => {
    const view = memberPresence("m1", [jid("a@x.org", "away"), jid("b@y.org", "available", "2026-11-23T09:00:00Z", "At my desk")], true);
    expect(view).toMatchObject({ state: "available", statusText: "At my desk", chatUri: "xmpp:b@y.org?message" });
  });

  it("prefers a JID that might be online (unknown) over one known to be offline", () => {
    expect(memberPresence("m1", [jid("a@x.org", "offline"), jid("b@y.org", "unknown")], true)?.state).toBe("unknown");
  });

  it("offers no chat link while offline", () => {
    expect(memberPresence("m1", [jid("a@x.org", "offline")], true)?.chatUri).toBeNull();
  });

  it("greys everything to unknown, without status or link, when presence is not live", () => {
    const view = memberPresence("m1", [jid("a@x.org", "available", undefined, "Hello")], false);
    expect(view).toMatchObject({ state: "unknown", statusText: null, chatUri: null, since: null });
    expect(view?.lastSeenAt).toBe("2026-11-23T10:00:00.000Z");
  });
});

describe("isPresenceLive", () => {
  const now = at("2026-11-23T12:00:00Z");
  it("is live only while the worker is online and its heartbeat is fresh", () => {
    expect(isPresenceLive({ xmppStatus: "online", heartbeatAt: now }, now)).toBe(true);
    expect(isPresenceLive({ xmppStatus: "online", heartbeatAt: new Date(now.getTime() - HEARTBEAT_STALE_MS - 1) }, now)).toBe(false);
    expect(isPresenceLive({ xmppStatus: "offline", heartbeatAt: now }, now)).toBe(false);
    expect(isPresenceLive(null, now)).toBe(false);
  });
});
