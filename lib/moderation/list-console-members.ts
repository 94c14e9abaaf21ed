// The moderators' console's members: everyone who has an account, suspended members too, by handle, a
// page at a time (keyset on the handle: `after` shows handles after it), optionally only the
// suspended or only moderators and administrators; each with their role, standing, verified Jabber
// IDs, and what this viewer may do to them (the same rules the actions apply: maySuspend, set-role).
import { z } from "zod";
import { authorize, hasRole } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Result } from "@/lib/members/create-member";
import { maySuspend } from "@/lib/members/member-actor";

export const MEMBER_FILTERS = ["all", "suspended", "staff"] as const;
export type MemberFilter = (typeof MEMBER_FILTERS)[number];

export type ConsoleMemberRow = {
  id: string;
  handle: string;
  displayName: string;
  role: MemberRole;
  suspendedAt: Date | null;
  joinedAt: Date;
  verifiedJids: string[];
  /** This viewer may suspend or reinstate them (never themselves). */
  canSuspend: boolean;
  /** This viewer may change their role (administrators, never their own). */
  canSetRole: boolean;
};

export const MEMBERS_PAGE_SIZE = 50;

const BAD_FILTER = "That list is not one the console has, so here is everyone.";
const BAD_AFTER = "That page link is not valid, so here is the first page.";

const optionsSchema = z.object({
  filter: z.enum(MEMBER_FILTERS, { error: BAD_FILTER }).default("all"),
  after: z.string({ error: BAD_AFTER }).min(1, BAD_AFTER).max(100, BAD_AFTER).optional(),
});

const WHERE: Record<MemberFilter, Prisma.MemberWhereInput> = {
  all: {},
  suspended: { suspendedAt: { not: null } },
  staff: { role: { in: ["moderator", "admin"] } },
};

/** Reads `?show=` and `?after=` as the console's own links write them; anything else is refused in words. */
export function parseMemberListParams(params: { show?: unknown; after?: unknown }): Result<{ filter: MemberFilter; after?: string }> {
  const parsed = optionsSchema.safeParse({ filter: params.show, after: params.after });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? BAD_FILTER };
  return { ok: true, value: parsed.data };
}

export async function listConsoleMembers(
  db: Db,
  viewer: Viewer,
  options: { filter?: MemberFilter; after?: string } = {},
): Promise<Result<{ members: ConsoleMemberRow[]; nextCursor: string | null }>> {
  const allowed = authorize(viewer, "members.view");
  if (!allowed.ok) return allowed;
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? BAD_FILTER };
  const { filter, after } = parsed.data;
  const actor = allowed.value;
  const rows = await db.member.findMany({
    where: { ...WHERE[filter], ...(after === undefined ? {} : { handle: { gt: after } }) },
    orderBy: { handle: "asc" },
    take: MEMBERS_PAGE_SIZE + 1,
    select: {
      id: true,
      handle: true,
      displayName: true,
      role: true,
      suspendedAt: true,
      createdAt: true,
      jabberIds: { where: { verifiedAt: { not: null } }, select: { jid: true }, orderBy: { jid: "asc" } },
    },
  });
  const page = rows.slice(0, MEMBERS_PAGE_SIZE);
  return {
    ok: true,
    value: {
      members: page.map((row) => ({
        id: row.id,
        handle: row.handle,
        displayName: row.displayName,
        role: row.role,
        suspendedAt: row.suspendedAt,
        joinedAt: row.createdAt,
        verifiedJids: row.jabberIds.map((link) => link.jid),
        canSuspend: row.id !== actor.id && maySuspend(actor.role, row.role),
        canSetRole: row.id !== actor.id && hasRole(actor, "admin"),
      })),
      nextCursor: rows.length > MEMBERS_PAGE_SIZE ? (page.at(-1)?.handle ?? null) : null,
    },
  };
}
