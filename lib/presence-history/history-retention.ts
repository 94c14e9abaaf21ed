// How long presence history is kept: one Setting row (days), read by the worker's hourly clean-up
// (worker/history-retention.ts). Never under a week, which the profiles' timeline shows.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export const HISTORY_RETENTION_KEY = "presence-history.retention-days";
export const DEFAULT_RETENTION_DAYS = 90;
export const MIN_RETENTION_DAYS = 7;
export const MAX_RETENTION_DAYS = 3650;

/** A stored value read as days; a missing, malformed or out-of-range value is the default, so a typo never empties the history. */
export function parseRetentionDays(stored: string | null | undefined): number {
  const days = /^\d+$/.test(stored ?? "") ? Number(stored) : NaN;
  return days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS ? days : DEFAULT_RETENTION_DAYS;
}

export async function readRetentionDays(db: Db | Prisma.TransactionClient): Promise<number> {
  const row = await db.setting.findUnique({ where: { key: HISTORY_RETENTION_KEY }, select: { value: true } });
  return parseRetentionDays(row?.value);
}

/** History older than this goes. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 24 * 3600_000);
}
