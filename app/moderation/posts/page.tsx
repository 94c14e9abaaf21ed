// Posts moderators have marked (hidden, deleted, locked, pinned), gathered in one place: newest post
// first, filtered by mark with a GET form (a filtered view is a link to share), `?before=` pages back.
// Each row has the same buttons as the post's own moderation toolbar, so a deleted post the board no
// longer shows can be restored from here.
import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/app/_components/pager";
import { ConsoleTable } from "@/app/moderation/_components/console-table";
import { ModerationToolbar } from "@/app/posts/_components/moderation-toolbar";
import { TimeAgo } from "@/app/posts/_components/time-ago";
import { getViewer } from "@/lib/auth/current-viewer";
import { requireRole } from "@/lib/auth/require-role";
import { decodeCursor, encodeCursor } from "@/lib/board/board-cursor";
import type { ModerationVerb } from "@/lib/board/post-moderation";
import { getDb } from "@/lib/db/client";
import {
  listModeratedPosts,
  MODERATED_POSTS_MESSAGES,
  parseStateParam,
  type ModeratedPostRow,
  type ModeratedPostsCursor,
  type PostMark,
  type PostMarkFilter,
} from "@/lib/moderation/list-moderated-posts";

export const metadata: Metadata = { title: "Posts · Moderation" };

const PATH = "/moderation/posts";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const STATE_CHOICES: ReadonlyArray<{ value: PostMarkFilter; label: string; none: string }> = [
  { value: "any", label: "Any of these", none: "No post is hidden, deleted, locked or pinned" },
  { value: "hidden", label: "Hidden", none: "No post is hidden" },
  { value: "deleted", label: "Deleted", none: "No post is deleted" },
  { value: "locked", label: "Locked", none: "No post is locked" },
  { value: "pinned", label: "Pinned", none: "No post is pinned" },
];

/** Each mark in words, with the field that says since when, in the order the table lists them. */
const MARKS: ReadonlyArray<{ mark: PostMark; field: keyof ModeratedPostRow["since"]; words: string }> = [
  { mark: "deleted", field: "deletedAt", words: "Deleted" },
  { mark: "hidden", field: "hiddenAt", words: "Hidden" },
  { mark: "locked", field: "lockedAt", words: "Locked" },
  { mark: "pinned", field: "pinnedAt", words: "Pinned" },
];

const DONE: Record<ModerationVerb, string> = {
  pin: "Pinned",
  unpin: "Unpinned",
  lock: "Locked",
  unlock: "Unlocked",
  hide: "Hidden",
  unhide: "Unhidden",
  delete: "Deleted",
  restore: "Restored",
};

/** The page's address with this filter (and page), for links that keep what is chosen. */
function hrefWith(state: PostMarkFilter, before?: ModeratedPostsCursor): string {
  const query = new URLSearchParams();
  if (state !== "any") query.set("state", state);
  if (before !== undefined) query.set("before", encodeCursor(before));
  const text = query.toString();
  return text ? `${PATH}?${text}` : PATH;
}

export default async function ModeratedPostsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = requireRole(await getViewer(), "moderation.view", PATH);
  const params = await searchParams;
  const state = parseStateParam(params.state);
  const before = params.before === undefined ? ({ ok: true, value: undefined } as const) : decodeCursor(params.before, MODERATED_POSTS_MESSAGES.badBefore);
  const chosen = state.ok ? state.value : "any";
  const listed = await listModeratedPosts(getDb(), viewer, { state: chosen, before: before.ok ? before.value : undefined });
  // The viewer is a moderator (requireRole) and the options were checked above, so any refusal is said on the page.
  const problems = [!state.ok ? state.error : null, !before.ok ? before.error : null, !listed.ok ? listed.error : null].filter((problem) => problem !== null);
  const { posts, olderCursor } = listed.ok ? listed.value : { posts: [], olderCursor: null };
  const olderPage = before.ok && before.value !== undefined;
  const choice = STATE_CHOICES.find((each) => each.value === chosen) ?? STATE_CHOICES[0];
  const now = new Date();
  return (
    <>
      <div className="page-heading">
        <div>
          <h1>Posts</h1>
          <p className="page-heading__lede">
            Posts that are hidden, deleted, locked or pinned, newest post first, each with its moderation buttons. Deleted posts are listed here
            (and can be restored) though the board no longer shows them, including posts their authors deleted.
          </p>
        </div>
      </div>
      <form className="console-filter" method="get" action={PATH} aria-label="Filter the posts">
        <label>
          Show posts that are
          <select name="state" defaultValue={chosen === "any" ? "" : chosen}>
            {STATE_CHOICES.map((each) => (
              <option key={each.value} value={each.value === "any" ? "" : each.value}>
                {each.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--secondary">
          Show
        </button>
        {chosen !== "any" ? <Link href={PATH}>Show every marked post</Link> : null}
      </form>
      {problems.map((problem) => (
        <p key={problem} className="notice" role="status">
          {problem}
        </p>
      ))}
      {posts.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">{olderPage ? "No older posts" : choice?.none}</p>
          <p>When a moderator hides, deletes, locks or pins a post, or its author deletes it, it is listed here.</p>
        </div>
      ) : (
        <ConsoleTable name="posts" caption={chosen === "any" ? "Marked posts, newest first" : `${choice?.label} posts, newest first`}>
          <thead>
            <tr>
              <th scope="col">Post</th>
              <th scope="col">Author</th>
              <th scope="col">Category</th>
              <th scope="col">Posted</th>
              <th scope="col">Standing</th>
              <th scope="col">Replies</th>
              <th scope="col">Last moderated</th>
              <th scope="col">Moderate</th>
            </tr>
          </thead>
          <tbody>
            {posts.map((post) => (
              <tr key={post.id} data-testid={`moderated-post-${post.id}`}>
                <th scope="row" className="console-table__title">
                  <Link href={`/posts/${post.id}`}>{post.title}</Link>
                </th>
                <td>{post.author.displayName}</td>
                <td>{post.category.name}</td>
                <td>
                  <TimeAgo time={post.createdAt} now={now} />
                </td>
                <td>
                  <ul className="console-list">
                    {MARKS.map(({ mark, field, words }) => {
                      const since = post.since[field];
                      return since === null ? null : (
                        <li key={mark}>
                          {words} <TimeAgo time={since} now={now} />
                        </li>
                      );
                    })}
                  </ul>
                </td>
                <td>{post.replyCount}</td>
                <td>
                  {post.lastAction ? (
                    <>
                      {DONE[post.lastAction.verb]} by {post.lastAction.actor ? post.lastAction.actor.displayName : "the operator or a removed member"}{" "}
                      <TimeAgo time={post.lastAction.at} now={now} />
                    </>
                  ) : (
                    <span className="muted">No moderator action recorded</span>
                  )}
                </td>
                <td>
                  <ModerationToolbar postId={post.id} flags={post.flags} inRow={{ label: `Moderate “${post.title}”` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </ConsoleTable>
      )}
      <Pager
        label="Pages"
        back={olderPage ? { href: hrefWith(chosen), text: "Newest posts" } : null}
        next={olderCursor !== null ? { href: hrefWith(chosen, olderCursor), text: "Older posts" } : null}
      />
    </>
  );
}
