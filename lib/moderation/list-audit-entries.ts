// The moderators' console's audit log: every recorded moderator action, newest first, a page at a time
// (keyset on the id: `before` shows ids below it), optionally narrowed to one action, target type or
// actor, with the values the log holds for the filter's choices. Snapshots are shown as stored when
// they are not JSON, never dropped.
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Result } from "@/lib/members/create-member";

export type AuditRow = {
  id: number;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  /** null: the operator (CLI) or a member since removed */
  actor: { id: string; displayName: string } | null;
  createdAt: Date;
};

export type AuditFilter = { action?: string; targetType?: string; actorId?: string };

export const AUDIT_PAGE_SIZE = 50;
const MAX_LIMIT = 100;
const MAX_FILTER = 200;

const BAD_BEFORE = "That page link is not valid, so here is the newest page.";
const BAD_LIMIT = "The page size must be a whole number of at least 1.";

/** A filter left empty (a select box's "any" choice) filters nothing. */
const filterValue = (what: string) =>
  z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string({ error: `The ${what} filter is not valid.` })
      .max(MAX_FILTER, { error: `The ${what} filter can be at most ${MAX_FILTER} characters.` })
      .optional(),
  );

const optionsSchema = z.object({
  action: filterValue("action"),
  targetType: filterValue("target type"),
  actorId: filterValue("actor"),
  before: z.int({ error: BAD_BEFORE }).min(1, { error: BAD_BEFORE }).optional(),
  limit: z.int({ error: BAD_LIMIT }).min(1, { error: BAD_LIMIT }).optional(),
});

export async function listAuditEntries(
  db: Db,
  viewer: Viewer,
  options: AuditFilter & { before?: number; limit?: number } = {},
): Promise<Result<{ entries: AuditRow[]; olderCursor: number | null; actions: string[]; targetTypes: string[] }>> {
  const allowed = authorize(viewer, "moderation.view");
  if (!allowed.ok) return allowed;
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Those filters are not valid." };
  const { action, targetType, actorId, before } = parsed.data;
  const limit = Math.min(parsed.data.limit ?? AUDIT_PAGE_SIZE, MAX_LIMIT);
  const where: Prisma.AuditEntryWhereInput = {
    ...(action === undefined ? {} : { action }),
    ...(targetType === undefined ? {} : { targetType }),
    ...(actorId === undefined ? {} : { actorId }),
    ...(before === undefined ? {} : { id: { lt: before } }),
  };
  const [rows, actions, targetTypes] = await Promise.all([
    db.auditEntry.findMany({
      where,
      orderBy: { id: "desc" },
      take: limit + 1,
      select: {
        id: true,
        action: true,
        targetType: true,
        targetId: true,
        before: true,
        after: true,
        createdAt: true,
        actor: { select: { id: true, displayName: true } },
      },
    }),
    // groupBy is SQL's GROUP BY; Prisma's `distinct` would read every row into memory first.
    db.auditEntry.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    db.auditEntry.groupBy({ by: ["targetType"], orderBy: { targetType: "asc" } }),
  ]);
  const shown = rows.slice(0, limit);
  const olderCursor = rows.length > limit ? (shown.at(-1)?.id ?? null) : null;
  return {
    ok: true,
    value: {
      entries: shown.map((row) => ({ ...row, before: parseSnapshot(row.before), after: parseSnapshot(row.after) })),
      olderCursor,
      actions: actions.map((group) => group.action),
      targetTypes: targetTypes.map((group) => group.targetType),
    },
  };
}

/** A stored JSON snapshot; one that is not JSON is returned as the raw string, so nothing is hidden. */
function parseSnapshot(stored: string | null): unknown {
  if (stored === null) return null;
  try {
    return JSON.parse(stored) as unknown;
  } catch {
    return stored;
  }
}
