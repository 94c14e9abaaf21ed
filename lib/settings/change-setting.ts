// Changing a board-wide setting (a `Setting` row) for a person: their right to it checked again inside
// the transaction (a demotion mid-request applies), the value already in force refused in words, and
// the row and its audit entry written together. Callers authorise and validate first.
import type { Action } from "@/lib/auth/authorize";
import { authorize } from "@/lib/auth/authorize";
import { loadViewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Result } from "@/lib/members/create-member";

export type SettingChange<T> = {
  action: Action;
  key: string;
  /** The value in force (its default when the row is absent). */
  read: (tx: Prisma.TransactionClient) => Promise<T>;
  value: T;
  /** The refusal when `value` is already in force. */
  unchanged: (value: T) => string;
  /** The value as the audit entry records it, before and after. */
  audited: (value: T) => Record<string, unknown>;
};

export function changeSetting<T extends string | number>(db: Db, actorId: string, change: SettingChange<T>): Promise<Result<{ value: T; previous: T }>> {
  return db.$transaction(async (tx) => {
    const stillAllowed = authorize(await loadViewer(tx, actorId), change.action);
    if (!stillAllowed.ok) return stillAllowed;
    const previous = await change.read(tx);
    if (previous === change.value) return { ok: false as const, error: change.unchanged(previous) };
    const value = String(change.value);
    await tx.setting.upsert({ where: { key: change.key }, create: { key: change.key, value }, update: { value } });
    await tx.auditEntry.create({
      data: {
        actorId,
        action: change.action,
        targetType: "setting",
        targetId: change.key,
        before: JSON.stringify(change.audited(previous)),
        after: JSON.stringify(change.audited(change.value)),
      },
    });
    return { ok: true as const, value: { value: change.value, previous } };
  });
}
