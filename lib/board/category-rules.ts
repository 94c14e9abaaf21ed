// The pure rules of managing categories: names, the slugs derived from them, the board's order and
// where a move puts a category. The writes live in manage-categories.ts.
import { z } from "zod";

export const CATEGORY_NAME_MAX = 60;

export const CATEGORY_MESSAGES = {
  nameMissing: "Give the category a name.",
  nameTooLong: `A category name is at most ${CATEGORY_NAME_MAX} characters.`,
  chooseCategory: "Choose a category.",
  noSuchCategory: "There is no such category.",
  unknownDirection: "Move a category up or down, or to a numbered place.",
  sameName: "That is already the category's name.",
} as const;

export const categoryNameSchema = z
  .string({ error: CATEGORY_MESSAGES.nameMissing })
  .trim()
  .min(1, CATEGORY_MESSAGES.nameMissing)
  .max(CATEGORY_NAME_MAX, CATEGORY_MESSAGES.nameTooLong);

export const categoryRefSchema = z.object({
  categoryId: z.string({ error: CATEGORY_MESSAGES.chooseCategory }).trim().min(1, CATEGORY_MESSAGES.chooseCategory),
});

export const duplicateNameMessage = (name: string): string => `There is already a category named "${name}".`;
export const duplicateArchivedNameMessage = (name: string): string =>
  `There is already an archived category named "${name}"; unarchive it instead.`;

/** Names are compared as people read them: case and surrounding space do not make a new name. */
export const sameName = (a: string, b: string): boolean => a.trim().toLocaleLowerCase("en") === b.trim().toLocaleLowerCase("en");

/** "Prayer requests" → "prayer-requests"; accents dropped, anything else becomes one hyphen. */
export function slugOf(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, CATEGORY_NAME_MAX)
    .replace(/-+$/, "");
  return slug || "category";
}

/** The name's slug, or it with the first free "-2", "-3"… when another category already has it. */
export function uniqueSlug(name: string, taken: ReadonlySet<string>): string {
  const base = slugOf(name);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export type OrderedCategory = { id: string; name: string; position: number };

/** The board's order: position, then name (as the new-post form lists them). */
export function inBoardOrder<T extends OrderedCategory>(categories: readonly T[]): T[] {
  return [...categories].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, "en") || a.id.localeCompare(b.id));
}

/** Up or down one place, or to a 1-based place in the list. */
export type CategoryMove = { direction: "up" | "down" } | { place: number };

/** The ids in their new order, or why the move would do nothing or cannot be made. */
export function planMove(ordered: readonly OrderedCategory[], categoryId: string, move: CategoryMove): { ok: true; value: string[] } | { ok: false; error: string } {
  const from = ordered.findIndex((category) => category.id === categoryId);
  const category = ordered[from];
  if (!category) return { ok: false, error: CATEGORY_MESSAGES.noSuchCategory };
  const to = "place" in move ? move.place - 1 : move.direction === "up" ? from - 1 : from + 1;
  if ("place" in move && (to < 0 || to >= ordered.length)) {
    return { ok: false, error: `Choose a place from 1 to ${ordered.length}.` };
  }
  if (to < 0) return { ok: false, error: `"${category.name}" is already first.` };
  if (to >= ordered.length) return { ok: false, error: `"${category.name}" is already last.` };
  if (to === from) return { ok: false, error: `"${category.name}" is already in place ${from + 1}.` };
  const ids = ordered.map((item) => item.id);
  ids.splice(from, 1);
  ids.splice(to, 0, categoryId);
  return { ok: true, value: ids };
}
