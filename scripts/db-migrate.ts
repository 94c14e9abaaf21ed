// `npm run db:migrate`: applies the committed migrations to DATABASE_URL, then gives a fresh board
// its default categories.
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import { createDb, DEFAULT_DATABASE_URL } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const { applied, alreadyApplied } = await migrateDatabase(url);
console.log(applied.length ? `Applied ${applied.join(", ")} (${alreadyApplied} already applied).` : `Database is up to date (${alreadyApplied} migrations).`);
const db = createDb(url);
const seeded = await seedDefaultCategories(db);
await db.$disconnect();
if (seeded > 0) console.log(`Created ${seeded} default categories.`);
