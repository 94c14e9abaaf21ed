// The board's index, a page of posts with each author's live presence dot: shared by the page
// rendered per request (`app/page.tsx`: members, older pages, notices) and the copy visitors share
// (`app/cached-board/`). Everything it shows comes in through props, so it never reads the request.
import Link from "next/link";
import { LivePresence } from "@/app/_components/live-presence";
import { LiveStatus } from "@/app/_components/live-status";
import { MemberName } from "@/app/_components/member-name";
import { NewPostsNotice } from "@/app/_components/new-posts-notice";
import { Pager } from "@/app/_components/pager";
import { EditedMark, TimeAgo } from "@/app/posts/_components/time-ago";
import type { BoardPage } from "@/lib/board/list-board-posts";
import type { MemberPresenceLoad } from "@/lib/presence/load-member-presence";

export type BoardIndexProps = {
  page: BoardPage;
  presence: MemberPresenceLoad;
  /** Creation time of the newest visible post when the page was read (what "New posts" compares to). */
  newestPostAt: string | null;
  /** A refused `?before=` cursor, explained on the page. */
  cursorError?: string;
  /** Set on an older page (`?before=`): no "new posts" notice, a link back to the newest. */
  olderPage?: boolean;
  /** Shown once after the viewer deleted their post. */
  deletedPost?: boolean;
  /** When the page was rendered: relative times start from it and then follow the browser's clock. */
  renderedAt: Date;
};

export function BoardIndex({ page, presence, newestPostAt, cursorError, olderPage = false, deletedPost = false, renderedAt }: BoardIndexProps) {
  const { posts, olderCursor } = page;
  const isFirstPage = !olderPage;
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
      {isFirstPage ? <NewPostsNotice shownLatestAt={newestPostAt} /> : null}
      {cursorError ? (
        <p className="notice" role="status">
          {cursorError}
        </p>
      ) : null}
      {deletedPost ? (
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
                    <TimeAgo time={post.lastActivityAt} now={renderedAt} /> <EditedMark editedAt={post.editedAt} />
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
      <Pager
        label="Pages"
        back={isFirstPage ? null : { href: "/", text: "Newest posts" }}
        next={olderCursor ? { href: `/?before=${olderCursor}`, text: "Older posts" } : null}
      />
    </LivePresence>
  );
}
