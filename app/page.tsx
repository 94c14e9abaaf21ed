// Board home as rendered per request: older pages (`?before=` keyset cursor; a malformed one is
// explained on the page, never a crash) and the note after deleting a post, in the viewer's audience.
// A plain `/` is served the viewer's audience's shared copy in `app/cached-board/` instead (proxy.ts).
import { BoardIndex } from "@/app/_components/board-index";
import { getViewer } from "@/lib/auth/current-viewer";
import { decodeCursor } from "@/lib/board/board-cursor";
import { loadBoardIndex } from "@/lib/board/load-board-index";
import { getDb } from "@/lib/db/client";
import { audienceOf } from "@/lib/presence/visibility";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function BoardPage({ searchParams }: { searchParams: SearchParams }) {
  const { before, deleted } = await searchParams;
  const cursor = before === undefined ? null : decodeCursor(before);
  const viewer = await getViewer();
  const board = await loadBoardIndex(getDb(), { audience: audienceOf(viewer), before: cursor?.ok ? cursor.value : undefined });
  return (
    <BoardIndex
      {...board}
      cursorError={cursor && !cursor.ok ? cursor.error : undefined}
      olderPage={cursor?.ok ?? false}
      deletedPost={deleted === "post"}
      renderedAt={new Date()}
    />
  );
}
