"use client";
// A relative time ("3 min ago") with the exact time on hover and in the markup for machines. It renders
// first against the server's clock (so hydration matches the HTML, which may be a shared copy a little
// while old), then against the browser's, refreshed once a minute, so a page left open stays true.
import { useSyncExternalStore } from "react";
import { exactTime, relativeTime } from "@/lib/time/relative-time";

const TICK_MS = 60_000;

// One clock for every time on the page.
let clock = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    clock = Date.now();
    timer = setInterval(() => {
      clock = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function TimeAgo({ time, now }: { time: Date; now: Date }) {
  const at = useSyncExternalStore(subscribe, () => clock, () => now.getTime());
  return (
    <time dateTime={time.toISOString()} title={exactTime(time)}>
      {relativeTime(time, new Date(at))}
    </time>
  );
}

export function EditedMark({ editedAt }: { editedAt: Date | null }) {
  if (!editedAt) return null;
  return (
    <span className="edited-mark" title={`Edited ${exactTime(editedAt)}`}>
      edited
    </span>
  );
}
