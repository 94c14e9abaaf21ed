// The board's page cursors: where the previous page ended, as (time, id) so paging is a keyset range
// on an index, never an OFFSET scan. The board index pages by (lastActivityAt, id) (`?before=`), a
// post's replies by (createdAt, id) (`?after=`). Opaque to people (base64url), checked strictly on the
// way in; a malformed one is refused in words (the caller's, saying which page comes instead), not thrown.
import type { Result } from "@/lib/members/create-member";

export type BoardCursor = { at: Date; id: string };

/** Begins the unpinned posts from the newest: used when a first page ended on a pinned post. */
export const FROM_NEWEST_UNPINNED: BoardCursor = { at: new Date("9999-12-31T23:59:59.999Z"), id: "" };

export const MALFORMED_CURSOR = "That page link is not valid, so here are the newest posts.";

const PATTERN = /^(\d{1,16})\.([A-Za-z0-9_-]{0,64})$/;

export function encodeCursor(cursor: BoardCursor): string {
  return Buffer.from(`${cursor.at.getTime()}.${cursor.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: unknown, malformed: string = MALFORMED_CURSOR): Result<BoardCursor> {
  if (typeof value !== "string" || value.length === 0 || value.length > 120 || !/^[A-Za-z0-9_-]+$/.test(value)) {
    return { ok: false, error: malformed };
  }
  const match = PATTERN.exec(Buffer.from(value, "base64url").toString("utf8"));
  if (!match) return { ok: false, error: malformed };
  const at = new Date(Number(match[1]));
  if (Number.isNaN(at.getTime())) return { ok: false, error: malformed };
  return { ok: true, value: { at, id: match[2] ?? "" } };
}
