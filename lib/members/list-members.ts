// The members directory: everyone who is not suspended, by name.
import type { Db } from "@/lib/db/client";

export type DirectoryMember = { id: string; handle: string; displayName: string };

export async function listMembers(db: Db): Promise<DirectoryMember[]> {
  return db.member.findMany({
    where: { suspendedAt: null },
    orderBy: [{ displayName: "asc" }, { handle: "asc" }],
    select: { id: true, handle: true, displayName: true },
  });
}
