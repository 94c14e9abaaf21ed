// Tells browsers when a new visible post appears. Posts are written by the board (another process),
// so the worker polls the database for the newest visible post and reports each newer one once.
import type { Db } from "@/lib/db/client";
import { findNewestVisiblePost, type NewestPost } from "@/lib/board/find-newest-post";
import { isNewerPost } from "@/lib/board/new-post-notice";
import type { Logger } from "@/lib/logger";
import type { BoardPostEvent } from "@/lib/realtime/events";

export type BoardWatch = {
  /** The newest visible post's time as last read, for sockets that connect now; null before or when none. */
  latest(): BoardPostEvent | null;
  stop(): Promise<void>;
};

export function startBoardWatch(options: { db: Db; logger: Logger; pollMs: number; onNewPost: (event: BoardPostEvent) => void }): BoardWatch {
  const { db, logger, pollMs, onNewPost } = options;
  let newest: NewestPost | null = null;
  let read = false;
  let failing = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let polling: Promise<void> = Promise.resolve();

  const eventOf = (post: NewestPost): BoardPostEvent => ({ latestPostAt: post.createdAt.toISOString() });

  async function poll(): Promise<void> {
    try {
      const found = await findNewestVisiblePost(db);
      if (failing) logger.info("reading the board's newest post works again");
      failing = false;
      // The first read is the baseline: browsers compare it with their page when they connect.
      const isNew = read && found !== null && isNewerPost(eventOf(found).latestPostAt, newest ? eventOf(newest).latestPostAt : null);
      newest = found; // also when the newest was hidden or deleted: later connections get the truth
      read = true;
      if (isNew) onNewPost(eventOf(found));
    } catch (error) {
      // A busy or unreachable database costs one tick, never the worker; said once per outage.
      if (!failing) logger.warn({ err: error }, "could not read the board's newest post; retrying");
      failing = true;
    }
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      polling = poll().finally(schedule);
    }, pollMs);
  };
  polling = poll().finally(schedule);

  return {
    latest: () => (newest ? eventOf(newest) : null),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await polling;
    },
  };
}
