// Board home: the latest posts, newest activity first, each author with a live presence dot.
import { LivePresence } from "@/app/_components/live-presence";
import { LiveStatus } from "@/app/_components/live-status";
import { MemberName } from "@/app/_components/member-name";
import { listBoardPosts } from "@/lib/board/list-board-posts";
import { getDb } from "@/lib/db/client";
import { exactTime, relativeTime } from "@/lib/time/relative-time";

export const dynamic = "force-dynamic";

export default async function BoardPage() {
  const posts = await listBoardPosts(getDb());
  const now = new Date();
  return (
    <LivePresence memberIds={posts.map((post) => post.author.id)}>
      <div className="page-heading">
        <h1>Board</h1>
        <LiveStatus />
      </div>
      {posts.length === 0 ? (
        <p className="empty-state">Nothing has been posted yet. News, prayer requests and events will appear here.</p>
      ) : (
        <ol className="post-list">
          {posts.map((post) => (
            <li key={post.id} className="post-card">
              <article aria-labelledby={`post-${post.id}`}>
                <p className="post-card__meta">
                  <span className="category-tag">{post.category.name}</span>
                  {post.pinned ? <span className="pin-tag">Pinned</span> : null}
                </p>
                <h2 id={`post-${post.id}`}>{post.title}</h2>
                <p className="post-card__excerpt">{post.excerpt}</p>
                <p className="post-card__byline">
                  <MemberName member={{ id: post.author.id, displayName: post.author.displayName }} />
                  <span aria-hidden="true">·</span>
                  <time dateTime={post.lastActivityAt.toISOString()} title={exactTime(post.lastActivityAt)}>
                    {relativeTime(post.lastActivityAt, now)}
                  </time>
                  {post.replyCount > 0 ? (
                    <span>
                      {post.replyCount} {post.replyCount === 1 ? "reply" : "replies"}
                    </span>
                  ) : null}
                </p>
              </article>
            </li>
          ))}
        </ol>
      )}
    </LivePresence>
  );
}
