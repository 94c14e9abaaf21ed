// An administrator chooses how many days presence history is kept (lib/presence-history/history-
// retention.ts). The Setting row and its audit entry are written in one transaction; the worker's
// next hourly clean-up applies it. Choosing the number already in force is refused and writes nothing.
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";
import type { Result } from "@/lib/members/create-member";
import { HISTORY_RETENTION_KEY, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, readRetentionDays } from "@/lib/presence-history/history-retention";
import { changeSetting } from "@/lib/settings/change-setting";

export const RETENTION_MESSAGES = {
  badDays: `Enter a whole number of days from ${MIN_RETENTION_DAYS} (a week) to ${MAX_RETENTION_DAYS} (ten years).`,
  unchanged: (days: number) => `History is already kept for ${days} days, so nothing was changed.`,
} as const;

const inputSchema = z.object({
  days: z
    .string({ error: RETENTION_MESSAGES.badDays })
    .trim()
    .regex(/^\d{1,5}$/, RETENTION_MESSAGES.badDays)
    .transform(Number)
    .pipe(z.number().min(MIN_RETENTION_DAYS, RETENTION_MESSAGES.badDays).max(MAX_RETENTION_DAYS, RETENTION_MESSAGES.badDays)),
});

export async function setHistoryRetention(db: Db, viewer: Viewer, input: unknown): Promise<Result<{ days: number; previous: number }>> {
  const allowed = authorize(viewer, "history.set-retention");
  if (!allowed.ok) return allowed;
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? RETENTION_MESSAGES.badDays };
  const changed = await changeSetting(db, allowed.value.id, {
    action: "history.set-retention",
    key: HISTORY_RETENTION_KEY,
    read: readRetentionDays,
    value: parsed.data.days,
    unchanged: RETENTION_MESSAGES.unchanged,
    audited: (days) => ({ days }),
  });
  return changed.ok ? { ok: true, value: { days: changed.value.value, previous: changed.value.previous } } : changed;
}
