// When the board's "New posts — show" notice appears: the newest visible post is newer than the
// newest visible post when the page was read (or than what "show" has already asked for). Shared by
// the worker and the browser.

/** Whether `latestAt` is strictly later than every time in `seenAt` (ISO strings; null means none). */
export function isNewerPost(latestAt: string, ...seenAt: Array<string | null>): boolean {
  const latest = Date.parse(latestAt);
  if (Number.isNaN(latest)) return false;
  return seenAt.every((seen) => {
    if (seen === null) return true;
    const time = Date.parse(seen);
    return Number.isNaN(time) || latest > time;
  });
}
