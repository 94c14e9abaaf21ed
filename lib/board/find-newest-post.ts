// The newest visible post by creation time: what the worker watches for the "new posts" notice and
// what a rendered board page compares with. One step down the (createdAt, id) index, past the few
// hidden or deleted posts at its top.
import type { Db } from "@/lib/db/client";

export type NewestPost = { id: string; createdAt: Date };

/** The newest visible post, or null on an empty board. */
export function findNewestVisiblePost(db: Db): Promise<NewestPost | null> {
  return db.post.findFirst({
    where: { hiddenAt: null, deletedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, createdAt: true },
  });
}
