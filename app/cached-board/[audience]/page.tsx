// The board's first page as every visitor sees it, rendered once and shared: next.config.ts rewrites a
// visitor's plain `/` (no session cookie, no query) here. It holds only what the public audience may
// see, so serving it to anyone is safe. Board writes refresh it at once (`revalidate-board.ts`);
// what changes elsewhere (presence, the operator's CLI) shows within REVALIDATE_SECONDS, and the
// dots go live from the feed's snapshot as soon as the page loads.
import { notFound } from "next/navigation";
import { BoardIndex } from "@/app/_components/board-index";
import { loadBoardIndex } from "@/lib/board/load-board-index";
import { getDb } from "@/lib/db/client";
import type { Audience } from "@/lib/presence/visibility";

export const revalidate = 10;
// Rendered on the first request, never at build time (there is no database then).
export const dynamicParams = true;
export function generateStaticParams(): Array<{ audience: Audience }> {
  return [];
}

export default async function CachedBoardPage({ params }: { params: Promise<{ audience: string }> }) {
  const { audience } = await params;
  if (audience !== "public") notFound();
  const board = await loadBoardIndex(getDb(), { audience });
  return <BoardIndex {...board} renderedAt={new Date()} />;
}
