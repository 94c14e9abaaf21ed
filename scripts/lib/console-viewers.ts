// The two people most console tests need: a moderator who may act and a plain member who may not,
// made as the product makes members and loaded as a page would load them.
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";
import { createMember } from "@/lib/members/create-member";

export async function addModeratorAndMember(db: Db): Promise<{ moderator: Viewer; member: Viewer }> {
  const mod = await createMember(db, { handle: "miriam", displayName: "Miriam", role: "moderator" });
  const sam = await createMember(db, { handle: "sam", displayName: "Sam" });
  if (!mod.ok || !sam.ok) throw new Error("could not create the console's test members");
  return { moderator: await loadViewer(db, mod.value.id), member: await loadViewer(db, sam.value.id) };
}
