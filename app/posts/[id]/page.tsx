// One post with its replies (oldest first, a page at a time: `?after=` keyset cursor), every author with
// a live presence dot; a reply form for members (unless the post is locked), edit and delete for the
// author's own words. Moderators also reach hidden and deleted posts here, under a banner saying so,
// with the moderation toolbar. A malformed page link is explained on the page, never a crash.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { LivePresence } from "@/app/_components/live-presence";
import { LiveStatus } from "@/app/_components/live-status";
import { MarkdownBody } from "@/app/_components/markdown";
import { MemberName } from "@/app/_components/member-name";
import { Pager } from "@/app/_components/pager";
import { DeleteForm } from "@/app/posts/_components/delete-form";
import { ModerationToolbar } from "@/app/posts/_components/moderation-toolbar";
import { ReplyForm } from "@/app/posts/_components/reply-form";
import { EditedMark, TimeAgo } from "@/app/posts/_components/time-ago";
import { replyPageHref } from "@/app/posts/reply-page-href";
import { getViewer } from "@/lib/auth/current-viewer";
import { decodeCursor } from "@/lib/board/board-cursor";
import { listPostReplies, MALFORMED_REPLIES_CURSOR } from "@/lib/board/list-post-replies";
import { loadPost as loadPostUncached } from "@/lib/board/load-post";
import { getDb } from "@/lib/db/client";
import { loadMemberPresence } from "@/lib/presence/load-member-presence";
import { audienceOf } from "@/lib/presence/visibility";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Metadata and page read the post once per request. */
const loadPost = cache(loadPostUncached);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const post = await loadPost(getDb(), await getViewer(), (await params).id);
  return { title: post ? post.title : "Post not found" };
}

export default async function PostPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id } = await params;
  const { after } = await searchParams;
  const cursor = after === undefined ? null : decodeCursor(after, MALFORMED_REPLIES_CURSOR);
  const db = getDb();
  const viewer = await getViewer();
  const post = await loadPost(db, viewer, id);
  if (!post) notFound();
  const { replies, earlierCount, earlier, later } = await listPostReplies(db, viewer, post, { after: cursor?.ok ? cursor.value : undefined });
  const presence = await loadMemberPresence(db, [post.author.id, ...replies.map((reply) => reply.author.id)], audienceOf(viewer));
  const now = new Date();
  const paged = earlier !== null || later !== null;
  // The stored count moves with every reply; never show fewer in all than this page itself reaches.
  const total = Math.max(post.replyCount, earlierCount + replies.length);
  return (
    <LivePresence presence={presence}>
      <div className="page-heading">
        <p>
          <Link href="/">← Back to the board</Link>
        </p>
        <LiveStatus />
      </div>
      {cursor && !cursor.ok ? (
        <p className="notice" role="status">
          {cursor.error}
        </p>
      ) : null}
      {post.deleted ? (
        <p className="notice moderation-banner" role="note">
          <strong>Deleted.</strong> Only moderators can see this post and its replies; restore it to put it back on the board.
        </p>
      ) : null}
      {post.hidden ? (
        <p className="notice moderation-banner" role="note">
          <strong>Hidden.</strong> Members and visitors cannot see this post; only moderators can.
        </p>
      ) : null}
      <article className="card post" aria-labelledby="post-title">
        <p className="post-card__meta">
          <span className="category-tag">{post.category.name}</span>
          {post.pinned ? <span className="pin-tag">Pinned</span> : null}
          {post.locked ? <span className="pin-tag">Locked</span> : null}
          {post.hidden ? <span className="pin-tag">Hidden</span> : null}
          {post.deleted ? <span className="pin-tag">Deleted</span> : null}
        </p>
        <h1 id="post-title" className="post__title">
          {post.title}
        </h1>
        <p className="post__byline">
          <MemberName member={post.author} />
          <span className="post-card__stats">
            <TimeAgo time={post.createdAt} now={now} /> <EditedMark editedAt={post.editedAt} />
          </span>
        </p>
        <MarkdownBody source={post.body} />
        {post.mine ? (
          <div className="post__actions">
            <Link href={`/posts/${post.id}/edit`} className="button button--secondary">
              Edit post
            </Link>
            <DeleteForm kind="post" id={post.id} />
          </div>
        ) : null}
      </article>
      {post.canModerate ? <ModerationToolbar postId={post.id} flags={{ pinned: post.pinned, locked: post.locked, hidden: post.hidden, deleted: post.deleted }} /> : null}

      <section className="replies" aria-labelledby="replies-heading">
        <h2 id="replies-heading">{total === 0 ? "Replies" : `${total} ${total === 1 ? "reply" : "replies"}`}</h2>
        {paged && replies.length > 0 ? (
          <p className="replies__range">
            Showing replies {earlierCount + 1}–{earlierCount + replies.length} of {total}
          </p>
        ) : null}
        {replies.length === 0 ? (
          earlier ? (
            <p className="empty-state__inline">
              No later replies. <Link href={replyPageHref(post.id, { after: null })}>Back to the first replies</Link>
            </p>
          ) : (
            <p className="empty-state__inline">No replies yet.{post.canReply ? " Be the first to answer." : ""}</p>
          )
        ) : (
          <ol className="reply-list" start={earlierCount + 1}>
            {replies.map((reply) => (
              <li key={reply.id} id={`reply-${reply.id}`} className="reply">
                <article aria-label={`Reply by ${reply.author.displayName}`}>
                  <p className="post__byline">
                    <MemberName member={reply.author} />
                    <span className="post-card__stats">
                      <TimeAgo time={reply.createdAt} now={now} /> <EditedMark editedAt={reply.editedAt} />
                    </span>
                  </p>
                  <MarkdownBody source={reply.body} />
                  {reply.mine ? (
                    <div className="post__actions">
                      <Link href={`/replies/${reply.id}/edit`} className="link-button">
                        Edit reply
                      </Link>
                      <DeleteForm kind="reply" id={reply.id} />
                    </div>
                  ) : null}
                </article>
              </li>
            ))}
          </ol>
        )}
        <Pager
          label="Reply pages"
          back={earlier ? { href: replyPageHref(post.id, earlier), text: "Earlier replies" } : null}
          backRel="prev"
          next={later ? { href: replyPageHref(post.id, later), text: "Later replies" } : null}
        />
        {post.hidden || post.deleted ? (
          <p className="notice" role="note">
            This post is off the board: no new replies.
          </p>
        ) : post.locked ? (
          <p className="notice" role="note">
            This post is locked: no new replies.
          </p>
        ) : post.canReply ? (
          <ReplyForm postId={post.id} />
        ) : (
          <p className="notice">
            <Link href={`/sign-in?next=${encodeURIComponent(`/posts/${post.id}`)}`}>Sign in</Link> to reply.
          </p>
        )}
      </section>
    </LivePresence>
  );
}
