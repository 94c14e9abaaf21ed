// After a write that changes what the board's index shows (a post, a reply's count and activity,
// moderation, a category's name, a Jabber ID linked or unlinked): the shared copies (one per audience)
// are rendered afresh on their next request, and browsers drop their cached `/`. (The web server drops
// the copies it keeps as bytes after every write request by itself: lib/web-server/web-server.ts.)
import { after } from "next/server";
import { revalidatePath } from "next/cache";
import { setTimeout as sleep } from "node:timers/promises";
import { AUDIENCES } from "@/lib/presence/visibility";

const SHARED_COPIES = AUDIENCES.map((audience) => `/cached-board/${audience}`);
/** Far longer than a render of the board takes. */
const RENDER_IN_FLIGHT_MS = 2_000;

export function revalidateBoard(): void {
  revalidatePath("/");
  for (const copy of SHARED_COPIES) revalidatePath(copy);
  // A render that read the database just before this write may finish just after it and be stored
  // as fresh: renew the copies once more when any such render is over.
  after(async () => {
    await sleep(RENDER_IN_FLIGHT_MS);
    for (const copy of SHARED_COPIES) revalidatePath(copy);
  });
}
