// Query plans for the index tests, in either dialect. SQL is written once with quoted identifiers and
// `?` placeholders (PostgreSQL gets `$1…`). PostgreSQL's planner prefers a sequential scan (or a bitmap
// scan and a sort) for a table as small as a test's, so its plans are taken with those priced out: the
// question asked is whether an index can serve the query (and, for orderedQueryPlan, in order).
import type { Db } from "@/lib/db/client";
import { testDialect } from "@/scripts/lib/temp-database";

/** The plan of a query, with table scans priced out on PostgreSQL: which indexes can serve it. */
export function queryPlan(db: Db, sql: string, ...values: unknown[]): Promise<string> {
  return planWith(db, ["enable_seqscan", "enable_bitmapscan"], sql, values);
}

/** The same, with sorting priced out too: a sort step left in the plan means no index gives the order. */
export function orderedQueryPlan(db: Db, sql: string, ...values: unknown[]): Promise<string> {
  return planWith(db, ["enable_seqscan", "enable_bitmapscan", "enable_sort", "enable_incremental_sort"], sql, values);
}

async function planWith(db: Db, disabled: string[], sql: string, values: unknown[]): Promise<string> {
  if (testDialect() === "sqlite") {
    return (await db.$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${sql}`, ...values)).map((row) => row.detail).join("\n");
  }
  let n = 0;
  const numbered = sql.replace(/\?/g, () => `$${++n}`);
  const rows = await db.$transaction(async (tx) => {
    for (const setting of disabled) await tx.$executeRawUnsafe(`SET LOCAL ${setting} = off`);
    return tx.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(`EXPLAIN ${numbered}`, ...values);
  });
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

/** Matches a plan step that reads `index` (SQLite: "USING INDEX x"; PostgreSQL: an index scan on x). */
export function readsIndex(index: string): RegExp {
  return testDialect() === "sqlite"
    ? new RegExp(`USING (COVERING )?INDEX ${index}\\b`)
    : new RegExp(`(Index (Only )?Scan (Backward )?using|Bitmap Index Scan on) "?${index}"?`);
}

/** Matches a plan step that sorts rows (SQLite's temporary B-tree, PostgreSQL's Sort node). */
export const SORTS: RegExp = testDialect() === "sqlite" ? /TEMP B-TREE/ : /\bSort\b/;

/** Matches a plan step that reads a whole table (SQLite's SCAN without an index, PostgreSQL's Seq Scan). */
export const SCANS_A_TABLE: RegExp = testDialect() === "sqlite" ? /SCAN/ : /Seq Scan/;
