// Everything the board's index shows, read for one audience: a page of posts (keyset, `before`), the
// presence of their authors and the newest visible post (what the "New posts" notice compares with:
// the newest post need not be on the page, e.g. when older threads are busier).
import { findNewestVisiblePost } from "@/lib/board/find-newest-post";
import { listBoardPosts, type BoardPage } from "@/lib/board/list-board-posts";
import type { BoardCursor } from "@/lib/board/board-cursor";
import type { Db } from "@/lib/db/client";
import { loadMemberPresence, type MemberPresenceLoad } from "@/lib/presence/load-member-presence";
import type { Audience } from "@/lib/presence/visibility";

export type BoardIndexLoad = { page: BoardPage; presence: MemberPresenceLoad; newestPostAt: string | null };

export async function loadBoardIndex(db: Db, options: { audience: Audience; before?: BoardCursor }): Promise<BoardIndexLoad> {
  const [page, newest] = await Promise.all([listBoardPosts(db, { before: options.before }), findNewestVisiblePost(db)]);
  const presence = await loadMemberPresence(db, page.posts.map((post) => post.author.id), options.audience);
  return { page, presence, newestPostAt: newest?.createdAt.toISOString() ?? null };
}
