// A second client on a test database that counts the SQL statements it sends, so a test can show a
// loader's query count stays fixed however many rows it reads (no query per row).
import { PrismaLibSql } from "@prisma/adapter-libsql";
import type { Db } from "@/lib/db/client";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type CountingDb = { db: Db; queries(): string[]; reset(): void; dispose(): Promise<void> };

export function createCountingDb(url: string): CountingDb {
  const client = new PrismaClient({ adapter: new PrismaLibSql({ url }), log: [{ emit: "event", level: "query" }] });
  let queries: string[] = [];
  client.$on("query", (event) => {
    queries.push(event.query);
  });
  return {
    db: client as unknown as Db,
    queries: () => [...queries],
    reset() {
      queries = [];
    },
    dispose: () => client.$disconnect(),
  };
}
