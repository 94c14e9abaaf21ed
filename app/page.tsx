// Board home: pinned posts first, then newest activity, a page at a time (`?before=` keyset cursor),
// each author with a live presence dot. A malformed cursor is explained on the page, never a crash.
import Link from "next/link";
import { LivePresence } from "@/app/_components/live-presence";
import { LiveStatus } from "@/app/_components/live-status";
import { MemberName } from "@/app/_components/member-name";
import { NewPostsNotice } from "@/app/_components/new-posts-notice";
import { EditedMark, TimeAgo } from "@/app/posts/_components/time-ago";
import { getViewer } from "@/lib/auth/current-viewer";
import { decodeCursor } from "@/lib/board/board-cursor";
import { listBoardPosts } from "@/lib/board/list-board-posts";
import { newestPostTime } from "@/lib/board/new-post-notice";
import { getDb } from "@/lib/db/client";
import { loadMemberPresence } from "@/lib/presence/load-member-presence";
import { audienceOf } from "@/lib/presence/visibility";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function BoardPage({ searchParams }: { searchParams: SearchParams }) {
  const { before, deleted } = await searchParams;
  const cursor = before === undefined ? null : decodeCursor(before);
  const db = getDb();
  const viewer = await getViewer();
  const page = await listBoardPosts(db, { before: cursor?.ok ? cursor.value : undefined });
  const { posts, olderCursor } = page;
  const isFirstPage = !cursor?.ok;
  const presence = await loadMemberPresence(db, posts.map((post) => post.author.id), audienceOf(viewer));
  const now = new Date();
  return (
    <LivePresence presence={presence}>
      <div className="page-heading">
        <div>
          <h1>Board</h1>
          <p className="page-heading__lede">News, prayer requests and events from our community.</p>
        </div>
        <div className="page-heading__side">
          <LiveStatus />
          <Link href="/posts/new" className="button">
            New post
          </Link>
        </div>
      </div>
      {isFirstPage ? <NewPostsNotice shownLatestAt={newestPostTime(posts)} /> : null}
      {cursor && !cursor.ok ? (
        <p className="notice" role="status">
          {cursor.error}
        </p>
      ) : null}
      {deleted === "post" ? (
        <p className="form-success" role="status">
          Your post was deleted.
        </p>
      ) : null}
      {posts.length === 0 ? (
        <div className="empty-state">
          {isFirstPage ? (
            <>
              <p className="empty-state__title">Nothing has been posted yet</p>
              <p>News, prayer requests and events will appear here as soon as someone shares them.</p>
            </>
          ) : (
            <>
              <p className="empty-state__title">No older posts</p>
              <p>
                You have reached the beginning of the board. <Link href="/">Back to the newest posts</Link>
              </p>
            </>
          )}
        </div>
      ) : (
        <ol className="post-list" aria-label={isFirstPage ? "Latest posts" : "Older posts"}>
          {posts.map((post) => (
            <li key={post.id} className={post.pinned ? "post-card post-card--pinned" : "post-card"}>
              <article aria-labelledby={`post-${post.id}`}>
                <p className="post-card__meta">
                  <span className="category-tag">{post.category.name}</span>
                  {post.pinned ? <span className="pin-tag">Pinned</span> : null}
                  {post.locked ? <span className="pin-tag">Locked</span> : null}
                </p>
                <h2 id={`post-${post.id}`} className="post-card__title">
                  <Link href={`/posts/${post.id}`}>{post.title}</Link>
                </h2>
                {post.excerpt ? <p className="post-card__excerpt">{post.excerpt}</p> : null}
                <footer className="post-card__byline">
                  <MemberName member={post.author} />
                  <span className="post-card__stats">
                    <TimeAgo time={post.lastActivityAt} now={now} /> <EditedMark editedAt={post.editedAt} />
                    {post.replyCount > 0 ? (
                      <>
                        <span aria-hidden="true"> · </span>
                        {post.replyCount} {post.replyCount === 1 ? "reply" : "replies"}
                      </>
                    ) : null}
                  </span>
                </footer>
              </article>
            </li>
          ))}
        </ol>
      )}
      {olderCursor || !isFirstPage ? (
        <nav className="pager" aria-label="Pages">
          {!isFirstPage ? <Link href="/">Newest posts</Link> : null}
          {olderCursor ? (
            <Link href={`/?before=${olderCursor}`} rel="next">
              Older posts
            </Link>
          ) : null}
        </nav>
      ) : null}
    </LivePresence>
  );
}
