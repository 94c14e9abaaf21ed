// `npm run db:migrate`: applies the committed migrations to DATABASE_URL.
import { DEFAULT_DATABASE_URL } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const { applied, alreadyApplied } = await migrateDatabase(url);
console.log(applied.length ? `Applied ${applied.join(", ")} (${alreadyApplied} already applied).` : `Database is up to date (${alreadyApplied} migrations).`);
