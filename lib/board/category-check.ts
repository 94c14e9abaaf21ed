// Whether a post may go in a category: it must exist and not be archived.
import { BOARD_MESSAGES } from "@/lib/board/board-messages";
import type { Prisma } from "@/lib/generated/prisma/client";

export async function categoryRefusal(tx: Prisma.TransactionClient, categoryId: string): Promise<string | null> {
  const category = await tx.category.findUnique({ where: { id: categoryId }, select: { archivedAt: true } });
  if (!category) return BOARD_MESSAGES.unknownCategory;
  return category.archivedAt ? BOARD_MESSAGES.archivedCategory : null;
}
