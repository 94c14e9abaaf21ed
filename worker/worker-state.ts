// The WorkerState row: how pages rendered on the server know whether stored presence is live.
import type { Db } from "@/lib/db/client";
import type { XmppStatus } from "@/lib/generated/prisma/enums";
import type { Fence } from "@/worker/worker-lease";

/**
 * Writes this worker's status, only while it holds the worker lease (worker/worker-lease.ts): the
 * lease holder owns the row. A standby never writes it, and a holder replaced while frozen finds
 * another worker in the lease and writes nothing (LeaseLostError), so the live holder's "online" is
 * never overwritten by a worker that lost its session to it.
 */
export async function recordWorkerState(db: Db, fence: Fence, xmppStatus: XmppStatus, detail: string | null, startedAt: Date, xmppDownSince: Date | null): Promise<void> {
  const now = new Date();
  const data = { xmppStatus, detail, heartbeatAt: now, startedAt, xmppDownSince };
  await fence(db, (tx) => tx.workerState.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data }));
}

/**
 * Since when presence was last followed live, as a starting worker finds it: when the session went
 * down, or the previous worker's last heartbeat if it died while online; now for a first start.
 */
export async function lastFollowedUntil(db: Db, now: Date): Promise<Date> {
  const previous = await db.workerState.findUnique({ where: { id: 1 }, select: { xmppDownSince: true, heartbeatAt: true } });
  return previous?.xmppDownSince ?? previous?.heartbeatAt ?? now;
}
