// The viewer of the current request (pages, server actions, routes): the session's member, re-read
// from the database, or a visitor. Cached per request.
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db/client";

export const getViewer = cache(async (): Promise<Viewer> => {
  const session = await auth();
  return loadViewer(getDb(), session?.user?.id, { signedInAt: session?.signedInAt ?? null });
});
