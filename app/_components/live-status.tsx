"use client";
// Tells people whether the dots are live, and why not when they are not.
import { useFeedStatus } from "@/app/_components/presence-provider";

export function LiveStatus() {
  const status = useFeedStatus();
  return (
    <div className={`live-status ${status.live ? "live-status--live" : "live-status--paused"}`} role="status" data-testid="live-status">
      {status.live ? (
        <>
          <span className="live-status__pulse" aria-hidden="true" /> Live presence
        </>
      ) : (
        <>Live presence paused{status.reason ? `: ${status.reason}` : ""}. Dots show “Unknown” until it is back.</>
      )}
    </div>
  );
}
