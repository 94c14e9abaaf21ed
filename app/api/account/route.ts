// Who is signed in, for the account corner of the board's shared copy (app/cached-board/), which is
// the same for every member and so cannot carry a name: the browser asks here after load.
import { getViewer } from "@/lib/auth/current-viewer";
import { accountSummaryOf } from "@/lib/auth/account-summary";

export async function GET(): Promise<Response> {
  return Response.json(accountSummaryOf(await getViewer()), { headers: { "Cache-Control": "private, no-store" } });
}
