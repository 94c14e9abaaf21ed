// The board's first page as an audience sees it, rendered once and shared: proxy.ts sends a visitor's
// plain `/` to the public copy and a signed-in member's to the members' copy (after checking their
// session against the database). Each holds only what its audience may see and nothing personal (a
// member's name is filled in by the account menu after load), so serving it to anyone of that audience
// is safe. Board writes renew both at once (`revalidate-board.ts`); a change made elsewhere (presence,
// the operator's CLI) reaches them after `revalidate` seconds, and a copy older than next.config's
// `expireTime` (60 s) is never served. The dots go live from the feed's snapshot as soon as the page loads.
import { notFound } from "next/navigation";
import { BoardIndex } from "@/app/_components/board-index";
import { loadBoardIndex } from "@/lib/board/load-board-index";
import { getDb } from "@/lib/db/client";
import { AUDIENCES, type Audience } from "@/lib/presence/visibility";

export const revalidate = 10;
// The audience is a route parameter so that each copy is rendered on its first request, never at build
// time (there is no database then).
export const dynamicParams = true;
export function generateStaticParams(): Array<{ audience: Audience }> {
  return [];
}

export default async function CachedBoardPage({ params }: { params: Promise<{ audience: string }> }) {
  const { audience } = await params;
  const known = AUDIENCES.find((candidate) => candidate === audience);
  if (!known) notFound();
  const board = await loadBoardIndex(getDb(), { audience: known });
  return <BoardIndex {...board} renderedAt={new Date()} />;
}
