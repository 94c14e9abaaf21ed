// The newest visible post by creation time, which the worker watches for the "new posts" notice.
// Post has no index on createdAt, but createdAt ≤ lastActivityAt always, so every post created at or
// after time T has lastActivityAt ≥ T: a range on the lastActivityAt index bounded by a post known to
// be visible holds the newest one, and in steady state that range is a handful of rows.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export type NewestPost = { id: string; createdAt: Date };

const VISIBLE = { hiddenAt: null, deletedAt: null } satisfies Prisma.PostWhereInput;

/**
 * The newest visible post, or null on an empty board. `known` (the last answer) narrows the search
 * while it is still visible; once hidden or deleted, the most recently active post bounds it instead.
 */
export async function findNewestVisiblePost(db: Db, known: NewestPost | null = null): Promise<NewestPost | null> {
  const stillVisible = known ? await db.post.findFirst({ where: { id: known.id, ...VISIBLE }, select: { id: true } }) : null;
  let bound = stillVisible && known ? known.createdAt : null;
  if (!bound) {
    const active = await db.post.findFirst({ where: VISIBLE, orderBy: { lastActivityAt: "desc" }, select: { createdAt: true } });
    if (!active) return null;
    bound = active.createdAt;
  }
  return db.post.findFirst({
    where: { ...VISIBLE, lastActivityAt: { gte: bound } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, createdAt: true },
  });
}
