// The board's first page as every visitor sees it, rendered once and shared: next.config.ts rewrites a
// visitor's `/` (no session cookie, no `before` or `deleted` query) here. It holds only what the
// public audience may see, so serving it to anyone is safe. Board writes renew it at once
// (`revalidate-board.ts`); a change made elsewhere (presence, the operator's CLI) reaches it after
// `revalidate` seconds, and a copy older than next.config's `expireTime` (60 s) is never served. The
// dots go live from the feed's snapshot as soon as the page loads.
import { notFound } from "next/navigation";
import { BoardIndex } from "@/app/_components/board-index";
import { loadBoardIndex } from "@/lib/board/load-board-index";
import { getDb } from "@/lib/db/client";

export const revalidate = 10;
// The audience is a route parameter so that the copy is rendered on its first request, never at
// build time (there is no database then); only "public" exists.
export const dynamicParams = true;
export function generateStaticParams(): Array<{ audience: "public" }> {
  return [];
}

export default async function CachedBoardPage({ params }: { params: Promise<{ audience: string }> }) {
  const { audience } = await params;
  if (audience !== "public") notFound();
  const board = await loadBoardIndex(getDb(), { audience });
  return <BoardIndex {...board} renderedAt={new Date()} />;
}
