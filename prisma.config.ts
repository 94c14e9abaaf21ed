// Prisma CLI configuration. The CLI is used for `prisma generate` only (scripts/prisma-generate.sh, which
// also generates the PostgreSQL client); migrations are plain SQL files per dialect applied by
// lib/db/migrate.ts (the CLI's schema engine cannot be downloaded on these machines).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
