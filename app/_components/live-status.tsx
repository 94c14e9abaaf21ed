"use client";
// Tells people whether the dots are live, and why not when they are not.
import { useFeedStatus } from "@/app/_components/presence-provider";

/** Reasons arrive as sentences from the worker; make sure ours read as one too. */
function asSentence(reason: string): string {
  const text = reason.trim();
  if (!text) return "";
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

export function LiveStatus() {
  const status = useFeedStatus();
  if (status.live) {
    return (
      <p className="live-status live-status--live" role="status" data-testid="live-status">
        <span className="live-status__pulse" aria-hidden="true" />
        Live
      </p>
    );
  }
  const reason = status.reason ? asSentence(status.reason) : "";
  return (
    <p className="live-status live-status--paused" role="status" data-testid="live-status">
      <strong>Live presence paused:</strong> <span className="live-status__reason">{reason || "The presence service cannot be reached."}</span>{" "}
      Everyone shows as “Unknown” until it is back.
    </p>
  );
}
