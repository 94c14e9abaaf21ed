// After a write that changes what the board's index shows (a post, a reply's count and activity,
// moderation, a category's name, a Jabber ID linked or unlinked): the visitors' shared copy is
// rendered afresh on its next request, and browsers drop their cached `/` (the page members get is
// rendered per request anyway).
import { after } from "next/server";
import { revalidatePath } from "next/cache";
import { setTimeout as sleep } from "node:timers/promises";

const SHARED_COPY = "/cached-board/public";
/** Far longer than a render of the board takes. */
const RENDER_IN_FLIGHT_MS = 2_000;

export function revalidateBoard(): void {
  revalidatePath("/");
  revalidatePath(SHARED_COPY);
  // A render that read the database just before this write may finish just after it and be stored
  // as fresh: renew the copy once more when any such render is over.
  after(async () => {
    await sleep(RENDER_IN_FLIGHT_MS);
    revalidatePath(SHARED_COPY);
  });
}
