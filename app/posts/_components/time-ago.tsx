"use client";
// A relative time ("3 min ago") with the exact time on hover and in the markup for machines. It renders
// first against the server's clock (so hydration matches the HTML, which may be a shared copy a little
// while old), then against the browser's, refreshed once a minute, so a page left open stays true.
import { useSyncExternalStore } from "react";
import { exactTime, relativeTime } from "@/lib/time/relative-time";

const TICK_MS = 60_000;

// One clock for every time on the page, running while any is shown.
let clock = 0;
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

/** While the clock is stopped, now to the minute (a stable answer, as React asks for). */
const browserNow = () => (timer ? clock : Math.floor(Date.now() / TICK_MS) * TICK_MS);

export function TimeAgo({ time, now }: { time: Date; now: Date }) {
  const at = useSyncExternalStore(subscribe, browserNow, () => now.getTime());
  return (
    // The browser's Intl may word a time a little differently from the server's: not a mismatch.
    <time dateTime={time.toISOString()} title={exactTime(time)} suppressHydrationWarning>
      {/* A browser clock running behind never puts a post in the future. */}
      {relativeTime(time, new Date(Math.max(at, time.getTime())))}
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
