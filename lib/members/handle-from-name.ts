// A member's handle (profile and badge URLs) made from their display name at sign-up: lower-case
// ASCII letters, digits and dashes, as createMember's handle rule demands; a number is added when taken.
import type { Db } from "@/lib/db/client";

const HANDLE_MAX = 32;
/** Room for "-" and a number of up to four digits after the base. */
const BASE_MAX = HANDLE_MAX - 5;

/** "Zoë O'Brien-Smith" → "zoe-obrien-smith"; names with no Latin letters or digits give "member". */
export function handleFromName(displayName: string): string {
  const base = displayName
    .normalize("NFKD")
    .replace(/\p{M}/gu, "") // accents split off by NFKD
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, BASE_MAX)
    .replace(/^-+|-+$/g, "");
  return base || "member";
}

/** The first of base, base-2, base-3, … that no member has. */
export async function freeHandle(db: Pick<Db, "member">, base: string): Promise<string> {
  const taken = new Set(
    (await db.member.findMany({ where: { handle: { startsWith: base } }, select: { handle: true } })).map((member) => member.handle),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
