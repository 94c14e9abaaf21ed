// The address of one page of a post's replies (lib/board/list-post-replies), for links and redirects.
import type { ReplyPageAddress } from "@/lib/board/list-post-replies";

export function replyPageHref(postId: string, page: ReplyPageAddress): string {
  // Cursors are base64url: nothing in them needs escaping.
  return page.after === null ? `/posts/${postId}` : `/posts/${postId}?after=${page.after}`;
}
