// The board's default categories, created only when there are none at all: a fresh board is ready to
// use, and categories an administrator later renamed, archived or removed are never brought back.
import type { Db } from "@/lib/db/client";

export const DEFAULT_CATEGORIES = [
  { slug: "announcements", name: "Announcements" },
  { slug: "prayer-requests", name: "Prayer requests" },
  { slug: "events", name: "Events" },
  { slug: "general", name: "General" },
] as const;

/** Idempotent; returns how many categories it created (0 when the board already has some). */
export async function seedDefaultCategories(db: Db): Promise<number> {
  return db.$transaction(async (tx) => {
    if ((await tx.category.count()) > 0) return 0;
    await tx.category.createMany({ data: DEFAULT_CATEGORIES.map((category, position) => ({ ...category, position })) });
    return DEFAULT_CATEGORIES.length;
  });
}
