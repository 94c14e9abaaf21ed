// Hands the browser a two-minute token naming its viewer, so the worker's presence feed knows whom it serves.
import { getViewer } from "@/lib/auth/current-viewer";
import { getWebEnv } from "@/lib/env";
import { signFeedToken } from "@/lib/realtime/feed-token";

export async function GET(): Promise<Response> {
  const token = await signFeedToken(getWebEnv().NARTHEX_FEED_SECRET, await getViewer());
  return Response.json({ token }, { headers: { "Cache-Control": "no-store" } });
}
