// The WorkerState row: how pages rendered on the server know whether stored presence is live.
import type { Db } from "@/lib/db/client";
import type { XmppStatus } from "@/lib/generated/prisma/enums";

export async function recordWorkerState(db: Db, xmppStatus: XmppStatus, detail: string | null, startedAt: Date, xmppDownSince: Date | null): Promise<void> {
  const now = new Date();
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
