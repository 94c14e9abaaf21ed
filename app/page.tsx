// Board home: the latest posts, pinned first then newest activity, each author with a live presence dot.
import { LivePresence } from "@/app/_components/live-presence";
import { LiveStatus } from "@/app/_components/live-status";
import { MemberName } from "@/app/_components/member-name";
import { listBoardPosts } from "@/lib/board/list-board-posts";
import { getViewer } from "@/lib/auth/current-viewer";
import { getDb } from "@/lib/db/client";
import { audienceOf } from "@/lib/presence/visibility";
import { loadMemberPresence } from "@/lib/presence/load-member-presence";
import { exactTime, relativeTime } from "@/lib/time/relative-time";

export const dynamic = "force-dynamic";

export default async function BoardPage() {
  const db = getDb();
  const posts = await listBoardPosts(db);
  const presence = await loadMemberPresence(db, posts.map((post) => post.author.id), audienceOf(await getViewer()));
  const now = new Date();
  return (
    <LivePresence presence={presence}>
      <div className="page-heading">
        <div>
          <h1>Board</h1>
          <p className="page-heading__lede">News, prayer requests and events from our community.</p>
        </div>
        <LiveStatus />
      </div>
      {posts.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">Nothing has been posted yet</p>
          <p>News, prayer requests and events will appear here as soon as someone shares them.</p>
        </div>
      ) : (
        <ol className="post-list" aria-label="Latest posts">
          {posts.map((post) => (
            <li key={post.id} className={post.pinned ? "post-card post-card--pinned" : "post-card"}>
              <article aria-labelledby={`post-${post.id}`}>
                <p className="post-card__meta">
                  <span className="category-tag">{post.category.name}</span>
                  {post.pinned ? <span className="pin-tag">Pinned</span> : null}
                </p>
                <h2 id={`post-${post.id}`} className="post-card__title">
                  {post.title}
                </h2>
                {post.excerpt ? <p className="post-card__excerpt">{post.excerpt}</p> : null}
                <footer className="post-card__byline">
                  <MemberName member={post.author} />
                  <span className="post-card__stats">
                    <time dateTime={post.lastActivityAt.toISOString()} title={exactTime(post.lastActivityAt)}>
                      {relativeTime(post.lastActivityAt, now)}
                    </time>
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
    </LivePresence>
  );
}
