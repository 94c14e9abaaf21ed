// The WorkerState row: how pages rendered on the server know whether stored presence is live.
import type { Db } from "@/lib/db/client";
import type { XmppStatus } from "@/lib/generated/prisma/enums";
import { HEARTBEAT_STALE_MS } from "@/lib/presence/member-presence";

/** Statuses with which a worker takes the row over: it is the one following presence now. */
const CLAIMING: ReadonlySet<XmppStatus> = new Set(["connecting", "online"]);

/**
 * Writes this worker's status (a worker is told apart by its `startedAt`). A worker connecting or
 * online takes the row; one that is not (a resource conflict lost to a second worker, a server down,
 * stopping) writes it only while the row is still its own or its owner has stopped beating, so a
 * worker that lost its session to another never overwrites the live one's "online".
 */
export async function recordWorkerState(db: Db, xmppStatus: XmppStatus, detail: string | null, startedAt: Date, xmppDownSince: Date | null): Promise<void> {
  const now = new Date();
  if (!CLAIMING.has(xmppStatus)) {
    const mine = await db.workerState.updateMany({
      where: { id: 1, OR: [{ startedAt }, { heartbeatAt: { lt: new Date(now.getTime() - HEARTBEAT_STALE_MS) } }] },
      data: { xmppStatus, detail, heartbeatAt: now, startedAt, xmppDownSince },
    });
    if (mine.count > 0 || (await db.workerState.count({ where: { id: 1 } })) > 0) return;
  }
  await db.workerState.upsert({
    where: { id: 1 },
    create: { id: 1, xmppStatus, detail, heartbeatAt: now, startedAt, xmppDownSince },
    update: { xmppStatus, detail, heartbeatAt: now, startedAt, xmppDownSince },
  });
}

/**
 * Since when presence was last followed live, as a starting worker finds it: when the session went
 * down, or the previous worker's last heartbeat if it died while online; now for a first start.
 */
export async function lastFollowedUntil(db: Db, now: Date): Promise<Date> {
  const previous = await db.workerState.findUnique({ where: { id: 1 }, select: { xmppDownSince: true, heartbeatAt: true } });
  return previous?.xmppDownSince ?? previous?.heartbeatAt ?? now;
}
