// The moderators' console pages by `?before=<id>` (commands, audit log): a keyset on the rows' integer
// ids, newest first. Checked strictly on the way in; a malformed link is refused in words (the page
// says so and shows the newest page), never thrown.
import type { Result } from "@/lib/members/create-member";

const MALFORMED_BEFORE = "That page link is not valid, so here is the newest page.";

/** `?before=`: undefined when absent, else a positive whole id (as the console's own links write it). */
export function parseBeforeParam(value: unknown): Result<number | undefined> {
  if (value === undefined) return { ok: true, value: undefined };
  const id = typeof value === "string" && /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : value;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) return { ok: false, error: MALFORMED_BEFORE };
  return { ok: true, value: id };
}
