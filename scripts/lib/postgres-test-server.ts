// Vitest global setup for the integration tests' PostgreSQL pass (NARTHEX_TEST_DATABASE=postgresql,
// run by scripts/test.sh after the SQLite pass): one private server for the whole run; each test file
// makes its own database on it (scripts/lib/temp-database.ts). Does nothing in the SQLite pass.
import { startPrivatePostgres } from "@/scripts/lib/private-postgres";

export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.NARTHEX_TEST_DATABASE !== "postgresql") return;
  if (process.env.NARTHEX_TEST_POSTGRES_URL) return; // a server given from outside
  const server = await startPrivatePostgres();
  // Test files run in child processes started after this, which inherit the environment.
  process.env.NARTHEX_TEST_POSTGRES_URL = server.url("postgres");
  return async () => {
    await server.stop();
  };
}
