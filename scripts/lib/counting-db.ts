// A second client on a test database that counts the SQL statements it sends, so a test can show a
// loader's query count stays fixed however many rows it reads (no query per row).
import { createDb, type Db } from "@/lib/db/client";

export type CountingDb = { db: Db; queries(): string[]; reset(): void; dispose(): Promise<void> };

type QueryEvents = { $on(event: "query", listener: (event: { query: string }) => void): void };

export function createCountingDb(url: string): CountingDb {
  const client = createDb(url, { logQueries: true });
  let queries: string[] = [];
  (client as unknown as QueryEvents).$on("query", (event) => {
    queries.push(event.query);
  });
  return {
    db: client,
    queries: () => [...queries],
    reset() {
      queries = [];
    },
    dispose: () => client.$disconnect(),
  };
}
