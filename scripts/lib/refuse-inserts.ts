// Fault injection for tests: makes every INSERT into a table fail (a trigger), in either dialect, until
// the returned function removes it. Shows that a change and the row written with it commit together.
import type { Db } from "@/lib/db/client";
import { testDialect } from "@/scripts/lib/temp-database";

export async function refuseInserts(db: Db, table: string, message: string): Promise<() => Promise<void>> {
  const quoted = message.replaceAll("'", "''");
  if (testDialect() === "sqlite") {
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_inserts BEFORE INSERT ON "${table}" BEGIN SELECT RAISE(ABORT, '${quoted}'); END`);
    return async () => {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_inserts`);
    };
  }
  await db.$executeRawUnsafe(`CREATE FUNCTION refuse_inserts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${quoted}'; END $$`);
  await db.$executeRawUnsafe(`CREATE TRIGGER refuse_inserts BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION refuse_inserts()`);
  return async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER refuse_inserts ON "${table}"`);
    await db.$executeRawUnsafe(`DROP FUNCTION refuse_inserts()`);
  };
}
