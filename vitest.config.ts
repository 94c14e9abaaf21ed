// Two projects: `unit` (pure, fast, parallel) and `integration` (real Prosody and SQLite, or PostgreSQL
// with NARTHEX_TEST_DATABASE=postgresql; one file at a time so server start-ups and logins do not
// compete). `npm run test:unit` / `test:integration`.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const ignored = ["**/node_modules/**", ".tools/**", ".next/**", ".data/**", "e2e/**", "lib/generated/**"];

export default defineConfig({
  resolve: { alias: [{ find: /^@\//, replacement: root }] },
  test: {
    root,
    environment: "node",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: [...ignored, "**/*.integration.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.integration.test.ts"],
          exclude: ignored,
          testTimeout: 30_000,
          hookTimeout: 30_000,
          fileParallelism: false,
          // NARTHEX_TEST_DATABASE=postgresql: a private PostgreSQL for the run, a database per file.
          globalSetup: ["scripts/lib/postgres-test-server.ts"],
        },
      },
    ],
  },
});
