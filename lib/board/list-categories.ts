// The categories a new post can go in: not archived, in the administrators' order.
import type { Db } from "@/lib/db/client";

export type CategoryChoice = { id: string; name: string };

export async function listOpenCategories(db: Db): Promise<CategoryChoice[]> {
  return db.category.findMany({ where: { archivedAt: null }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true } });
}
