// Fault injection for tests: makes writes to a table fail (a trigger), in either dialect, until the
// returned function removes it: every INSERT by default, or the given events, optionally only for
// rows whose column holds a value. Stands in for a broken row or a full disk.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { testDialect } from "@/scripts/lib/temp-database";

export type RefusedWrites = { message: string; events?: ("INSERT" | "UPDATE")[]; where?: { column: string; equals: string } };

export async function refuseWrites(db: Db, table: string, { message, events = ["INSERT"], where }: RefusedWrites): Promise<() => Promise<void>> {
  const text = (value: string) => `'${value.replaceAll("'", "''")}'`;
  const name = `refuse_writes_${randomBytes(4).toString("hex")}`;
  const condition = where ? `NEW."${where.column}" = ${text(where.equals)}` : null;
  if (testDialect() === "sqlite") {
    for (const event of events) {
      await db.$executeRawUnsafe(
        `CREATE TRIGGER ${name}_${event} BEFORE ${event} ON "${table}" ${condition ? `WHEN ${condition}` : ""} BEGIN SELECT RAISE(ABORT, ${text(message)}); END`,
      );
    }
    return async () => {
      for (const event of events) await db.$executeRawUnsafe(`DROP TRIGGER ${name}_${event}`);
    };
  }
  await db.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION ${text(message)}; END $$`);
  await db.$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE ${events.join(" OR ")} ON "${table}" FOR EACH ROW ${condition ? `WHEN (${condition})` : ""} EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER ${name} ON "${table}"`);
    await db.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
  };
}
