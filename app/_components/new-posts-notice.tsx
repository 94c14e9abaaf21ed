"use client";
// "New posts — show" on the board's first page: the worker's feed says when a newer visible post
// exists; "show" re-renders the page on the server (router.refresh), keeping scroll and live dots.
import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import { useBoardPostEvents } from "@/app/_components/presence-provider";
import { isNewerPost } from "@/lib/board/new-post-notice";
import type { BoardPostEvent } from "@/lib/realtime/events";

export function NewPostsNotice({ shownLatestAt }: { shownLatestAt: string | null }) {
  const router = useRouter();
  const [latestAt, setLatestAt] = useState<string | null>(null);
  // What "show" last asked for: a post the page still cannot show (not on page one) is not re-announced.
  const [requestedAt, setRequestedAt] = useState<string | null>(null);
  const [, startRefresh] = useTransition();

  useBoardPostEvents(useCallback((event: BoardPostEvent) => setLatestAt(event.latestPostAt), []));

  const hasNew = latestAt !== null && isNewerPost(latestAt, shownLatestAt, requestedAt);
  return (
    // The live region stays in the page so screen readers announce what appears in it.
    <div role="status">
      {hasNew ? (
        <p className="notice">
          New posts —{" "}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setRequestedAt(latestAt); // the notice goes at once; the refreshed page follows
              startRefresh(() => router.refresh());
            }}
          >
            show
          </button>
        </p>
      ) : null}
    </div>
  );
}
