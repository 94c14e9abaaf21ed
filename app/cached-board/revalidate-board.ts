// After a write that changes what the board's index shows (a post, a reply's count and activity,
// moderation, a category's name): both the page rendered per request and the visitors' shared copy
// are rendered afresh on their next request.
import { revalidatePath } from "next/cache";

export function revalidateBoard(): void {
  revalidatePath("/");
  revalidatePath("/cached-board/public");
}
