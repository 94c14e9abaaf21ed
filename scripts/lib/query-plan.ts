// Query plans for the index tests, in either dialect. SQL is written once with quoted identifiers and
// `?` placeholders (PostgreSQL gets `$1…`). PostgreSQL's planner prefers a sequential scan (or a bitmap
// scan and a sort) for a table as small as a test's, so its plan is taken with those priced out: the
// question asked is whether an index can serve the query in order, and a Sort left in the plan says no.
import type { Db } from "@/lib/db/client";
import { testDialect } from "@/scripts/lib/temp-database";

export async function queryPlan(db: Db, sql: string, ...values: unknown[]): Promise<string> {
  if (testDialect() === "sqlite") {
    return (await db.$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${sql}`, ...values)).map((row) => row.detail).join("\n");
  }
  let n = 0;
  const numbered = sql.replace(/\?/g, () => `$${++n}`);
  const rows = await db.$transaction(async (tx) => {
    for (const setting of ["enable_seqscan", "enable_bitmapscan", "enable_sort", "enable_incremental_sort"]) await tx.$executeRawUnsafe(`SET LOCAL ${setting} = off`);
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
