// The WorkerState row: how pages rendered on the server know whether stored presence is live.
import type { Db } from "@/lib/db/client";
import type { XmppStatus } from "@/lib/generated/prisma/enums";

export async function recordWorkerState(db: Db, xmppStatus: XmppStatus, detail: string | null, startedAt: Date): Promise<void> {
  const now = new Date();
  await db.workerState.upsert({
    where: { id: 1 },
    create: { id: 1, xmppStatus, detail, heartbeatAt: now, startedAt },
    update: { xmppStatus, detail, heartbeatAt: now, startedAt },
  });
}
