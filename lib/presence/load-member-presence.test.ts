import { describe, expect, it } from "vitest";
import { feedStatusFromWorker, PAUSED_REASONS } from "@/lib/presence/load-member-presence";
import { HEARTBEAT_STALE_MS } from "@/lib/presence/member-presence";

const now = new Date("2026-11-23T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("feedStatusFromWorker", () => {
  it("is live while the worker is online and its heartbeat is fresh", () => {
    expect(feedStatusFromWorker({ xmppStatus: "online", detail: null, heartbeatAt: ago(1_000) }, now)).toEqual({ live: true, reason: null });
  });

  it("says the service is not running when there is no worker row or it stopped", () => {
    expect(feedStatusFromWorker(null, now)).toEqual({ live: false, reason: PAUSED_REASONS.notRunning });
    expect(feedStatusFromWorker({ xmppStatus: "stopped", detail: "The presence service has stopped.", heartbeatAt: ago(0) }, now)).toEqual({
      live: false,
      reason: PAUSED_REASONS.notRunning,
    });
  });

  it("says the service has not reported in when the heartbeat is stale, whatever status it left behind", () => {
    for (const xmppStatus of ["online", "connecting", "offline"]) {
      expect(feedStatusFromWorker({ xmppStatus, detail: "The presence service is starting.", heartbeatAt: ago(HEARTBEAT_STALE_MS + 1) }, now)).toEqual({
        live: false,
        reason: PAUSED_REASONS.stale,
      });
    }
  });

  it("passes on the worker's own reason while it is running but not connected", () => {
    expect(feedStatusFromWorker({ xmppStatus: "connecting", detail: "Connected to the XMPP server; loading the roster.", heartbeatAt: ago(0) }, now)).toEqual({
      live: false,
      reason: "Connected to the XMPP server; loading the roster.",
    });
    expect(feedStatusFromWorker({ xmppStatus: "offline", detail: null, heartbeatAt: ago(0) }, now)).toEqual({
      live: false,
      reason: PAUSED_REASONS.notConnected,
    });
  });
});
