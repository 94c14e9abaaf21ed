// Administrators add, rename, reorder, archive and unarchive the board's categories. Each change and
// its append-only audit row are written in one transaction; refusals (including changes that would
// change nothing) write nothing. Archived categories keep their posts on the board but take no new ones.
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import { loadViewer, type MemberViewer, type Viewer } from "@/lib/auth/viewer";
import {
  CATEGORY_MESSAGES,
  categoryNameSchema,
  categoryRefSchema,
  duplicateArchivedNameMessage,
  duplicateNameMessage,
  inBoardOrder,
  planMove,
  sameName,
  uniqueSlug,
} from "@/lib/board/category-rules";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Result } from "@/lib/members/create-member";

export type ManagedCategory = { id: string; name: string; slug: string; place: number; archived: boolean };

const CATEGORY_FIELDS = { id: true, name: true, slug: true, position: true, archivedAt: true } as const;
type CategoryRow = { id: string; name: string; slug: string; position: number; archivedAt: Date | null };

const createSchema = z.object({ name: categoryNameSchema });
const renameSchema = categoryRefSchema.extend({ name: categoryNameSchema });
const moveSchema = categoryRefSchema
  .extend({
    direction: z.enum(["up", "down"], { error: CATEGORY_MESSAGES.unknownDirection }).optional(),
    place: z.coerce.number({ error: CATEGORY_MESSAGES.unknownDirection }).int(CATEGORY_MESSAGES.unknownDirection).optional(),
  })
  .refine((input) => (input.direction === undefined) !== (input.place === undefined), { message: CATEGORY_MESSAGES.unknownDirection });

type Tx = Prisma.TransactionClient;
type Refusal = { ok: false; error: string };
const refuse = (error: string): Refusal => ({ ok: false, error });

function firstIssue(error: z.ZodError, fallback: string): Refusal {
  return refuse(error.issues[0]?.message ?? fallback);
}

/** Runs `change` in one transaction after checking the actor's role again inside it (a demotion or
 *  suspension mid-request still applies). */
async function asCategoryAdmin<T>(db: Db, actor: MemberViewer, change: (tx: Tx) => Promise<Result<T>>): Promise<Result<T>> {
  return db.$transaction(async (tx) => {
    const stillAllowed = authorize(await loadViewer(tx, actor.id), "categories.manage");
    if (!stillAllowed.ok) return stillAllowed;
    return change(tx);
  });
}

async function orderedCategories(tx: Tx): Promise<CategoryRow[]> {
  return inBoardOrder(await tx.category.findMany({ select: CATEGORY_FIELDS }));
}

/** What the audit row records of a category: its name, slug, 1-based place and whether it is archived. */
function snapshot(category: CategoryRow, ordered: readonly CategoryRow[]) {
  return { name: category.name, slug: category.slug, place: ordered.findIndex((item) => item.id === category.id) + 1, archived: category.archivedAt !== null };
}

function managed(category: CategoryRow, ordered: readonly CategoryRow[]): ManagedCategory {
  const { name, slug, place, archived } = snapshot(category, ordered);
  return { id: category.id, name, slug, place, archived };
}

/** Why `name` cannot be used because another category (live or archived) already has it, or null. */
function nameTakenRefusal(ordered: readonly CategoryRow[], name: string, exceptId?: string): string | null {
  const clash = ordered.find((category) => category.id !== exceptId && sameName(category.name, name));
  if (!clash) return null;
  return clash.archivedAt ? duplicateArchivedNameMessage(clash.name) : duplicateNameMessage(clash.name);
}

async function audit(tx: Tx, actor: MemberViewer, action: string, categoryId: string, before: object | null, after: object | null): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: actor.id,
      action: `category.${action}`,
      targetType: "category",
      targetId: categoryId,
      before: before ? JSON.stringify(before) : null,
      after: after ? JSON.stringify(after) : null,
    },
  });
}

/** A new category, last in the board's order. */
export async function createCategory(db: Db, viewer: Viewer, input: unknown): Promise<Result<ManagedCategory>> {
  const allowed = authorize(viewer, "categories.manage");
  if (!allowed.ok) return allowed;
  const parsed = createSchema.safeParse(input);
  if (!parsed.success) return firstIssue(parsed.error, CATEGORY_MESSAGES.nameMissing);
  const { name } = parsed.data;
  return asCategoryAdmin(db, allowed.value, async (tx) => {
    const ordered = await orderedCategories(tx);
    const taken = nameTakenRefusal(ordered, name);
    if (taken) return refuse(taken);
    const slug = uniqueSlug(name, new Set(ordered.map((category) => category.slug)));
    const position = Math.max(-1, ...ordered.map((category) => category.position)) + 1;
    const created = await tx.category.create({ data: { name, slug, position }, select: CATEGORY_FIELDS });
    const after = [...ordered, created];
    await audit(tx, allowed.value, "create", created.id, null, snapshot(created, after));
    return { ok: true, value: managed(created, after) };
  });
}

/** A new name (and the slug that goes with it); case-only corrections count as a change. */
export async function renameCategory(db: Db, viewer: Viewer, input: unknown): Promise<Result<ManagedCategory>> {
  const allowed = authorize(viewer, "categories.manage");
  if (!allowed.ok) return allowed;
  const parsed = renameSchema.safeParse(input);
  if (!parsed.success) return firstIssue(parsed.error, CATEGORY_MESSAGES.nameMissing);
  const { categoryId, name } = parsed.data;
  return asCategoryAdmin(db, allowed.value, async (tx) => {
    const ordered = await orderedCategories(tx);
    const before = ordered.find((category) => category.id === categoryId);
    if (!before) return refuse(CATEGORY_MESSAGES.noSuchCategory);
    if (before.name === name) return refuse(CATEGORY_MESSAGES.sameName);
    const taken = nameTakenRefusal(ordered, name, categoryId);
    if (taken) return refuse(taken);
    const others = new Set(ordered.filter((category) => category.id !== categoryId).map((category) => category.slug));
    const slug = uniqueSlug(name, others);
    const renamed = await tx.category.update({ where: { id: categoryId }, data: { name, slug }, select: CATEGORY_FIELDS });
    await audit(tx, allowed.value, "rename", categoryId, snapshot(before, ordered), snapshot(renamed, ordered));
    return { ok: true, value: managed(renamed, ordered) };
  });
}

/** Up or down one place, or to a numbered place; every category's position is rewritten 0…n-1. */
export async function moveCategory(db: Db, viewer: Viewer, input: unknown): Promise<Result<ManagedCategory>> {
  const allowed = authorize(viewer, "categories.manage");
  if (!allowed.ok) return allowed;
  const parsed = moveSchema.safeParse(input);
  if (!parsed.success) return firstIssue(parsed.error, CATEGORY_MESSAGES.unknownDirection);
  const { categoryId, direction, place } = parsed.data;
  return asCategoryAdmin(db, allowed.value, async (tx) => {
    const ordered = await orderedCategories(tx);
    const plan = planMove(ordered, categoryId, direction ? { direction } : { place: place ?? 0 });
    if (!plan.ok) return plan;
    const byId = new Map(ordered.map((category) => [category.id, category]));
    const reordered: CategoryRow[] = [];
    for (const [position, id] of plan.value.entries()) {
      const category = byId.get(id);
      if (!category) continue;
      if (category.position !== position) await tx.category.update({ where: { id }, data: { position } });
      reordered.push({ ...category, position });
    }
    const before = byId.get(categoryId);
    const after = reordered.find((category) => category.id === categoryId);
    if (!before || !after) return refuse(CATEGORY_MESSAGES.noSuchCategory);
    await audit(tx, allowed.value, "move", categoryId, snapshot(before, ordered), snapshot(after, reordered));
    return { ok: true, value: managed(after, reordered) };
  });
}

async function setArchived(db: Db, viewer: Viewer, input: unknown, archive: boolean): Promise<Result<ManagedCategory>> {
  const allowed = authorize(viewer, "categories.manage");
  if (!allowed.ok) return allowed;
  const parsed = categoryRefSchema.safeParse(input);
  if (!parsed.success) return firstIssue(parsed.error, CATEGORY_MESSAGES.chooseCategory);
  const { categoryId } = parsed.data;
  return asCategoryAdmin(db, allowed.value, async (tx) => {
    const ordered = await orderedCategories(tx);
    const before = ordered.find((category) => category.id === categoryId);
    if (!before) return refuse(CATEGORY_MESSAGES.noSuchCategory);
    if (archive && before.archivedAt) return refuse(`"${before.name}" is already archived.`);
    if (!archive && !before.archivedAt) return refuse(`"${before.name}" is not archived.`);
    const after = await tx.category.update({ where: { id: categoryId }, data: { archivedAt: archive ? new Date() : null }, select: CATEGORY_FIELDS });
    await audit(tx, allowed.value, archive ? "archive" : "unarchive", categoryId, snapshot(before, ordered), snapshot(after, ordered));
    return { ok: true, value: managed(after, ordered) };
  });
}

/** No new posts go in an archived category; its posts stay on the board. */
export async function archiveCategory(db: Db, viewer: Viewer, input: unknown): Promise<Result<ManagedCategory>> {
  return setArchived(db, viewer, input, true);
}

export async function unarchiveCategory(db: Db, viewer: Viewer, input: unknown): Promise<Result<ManagedCategory>> {
  return setArchived(db, viewer, input, false);
}

export type CategoryOverview = ManagedCategory & { postCount: number };

/** Every category in the board's order with how many posts it holds (deleted posts not counted). */
export async function listCategoriesToManage(db: Db, viewer: Viewer): Promise<Result<CategoryOverview[]>> {
  const allowed = authorize(viewer, "categories.manage");
  if (!allowed.ok) return allowed;
  const rows = await db.category.findMany({ select: { ...CATEGORY_FIELDS, _count: { select: { posts: { where: { deletedAt: null } } } } } });
  const ordered = inBoardOrder(rows);
  return { ok: true, value: ordered.map((row) => ({ ...managed(row, ordered), postCount: row._count.posts })) };
}
