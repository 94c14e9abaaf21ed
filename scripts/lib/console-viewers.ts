// The two people most console tests need (a moderator who may act and a plain member who may not),
// made as the product makes members and loaded as a page would load them, and what a refusal must not touch.
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";
import { createMember } from "@/lib/members/create-member";

export async function addModeratorAndMember(db: Db): Promise<{ moderator: Viewer; member: Viewer }> {
  const mod = await createMember(db, { handle: "miriam", displayName: "Miriam", role: "moderator" });
  const sam = await createMember(db, { handle: "sam", displayName: "Sam" });
  if (!mod.ok || !sam.ok) throw new Error("could not create the console's test members");
  return { moderator: await loadViewer(db, mod.value.id), member: await loadViewer(db, sam.value.id) };
}

/** What a refused answer to a stranger's request must leave alone: the waiting requests, the queue and the audit log. */
export async function requestsQueueAndAudit(db: Db): Promise<{ requests: string[]; commands: number; audit: number }> {
  return {
    requests: (await db.subscriptionRequest.findMany({ orderBy: { jid: "asc" } })).map((request) => request.jid),
    commands: await db.command.count(),
    audit: await db.auditEntry.count(),
  };
}
