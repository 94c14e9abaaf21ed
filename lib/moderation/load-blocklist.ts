// The console's Blocked page: whether the bot's XMPP server supports blocking (as the worker last
// found, XEP-0191 §2) and the blocklist as the server confirmed it, newest first.
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";
import type { Result } from "@/lib/members/create-member";

/** "unknown": the worker has not yet asked its server (it asks each time it connects). */
export type BlockingSupport = "supported" | "unsupported" | "unknown";

export type BlocklistView = { support: BlockingSupport; blocked: Array<{ jid: string; blockedAt: Date }> };

export async function loadBlockingSupport(db: Db): Promise<BlockingSupport> {
  const worker = await db.workerState.findUnique({ where: { id: 1 }, select: { blockingSupported: true } });
  if (worker?.blockingSupported === true) return "supported";
  return worker?.blockingSupported === false ? "unsupported" : "unknown";
}

export async function loadBlocklist(db: Db, viewer: Viewer): Promise<Result<BlocklistView>> {
  const allowed = authorize(viewer, "moderation.view");
  if (!allowed.ok) return allowed;
  const [support, blocked] = await Promise.all([loadBlockingSupport(db), db.blockedJid.findMany({ orderBy: [{ blockedAt: "desc" }, { jid: "asc" }] })]);
  return { ok: true, value: { support, blocked } };
}
