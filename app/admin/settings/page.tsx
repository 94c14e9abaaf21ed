// Administrators' settings: how long presence history is kept. Visitors are sent to sign in; other
// members get HTTP 403 and forbidden.tsx (see requireRole).
import type { Metadata } from "next";
import { RetentionForm } from "@/app/admin/settings/_components/retention-form";
import { getViewer } from "@/lib/auth/current-viewer";
import { requireRole } from "@/lib/auth/require-role";
import { getDb } from "@/lib/db/client";
import { DEFAULT_RETENTION_DAYS, readRetentionDays } from "@/lib/presence-history/history-retention";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

const PATH = "/admin/settings";

export default async function SettingsPage() {
  requireRole(await getViewer(), "history.set-retention", PATH);
  const days = await readRetentionDays(getDb());
  return (
    <>
      <div className="page-heading">
        <h1>Settings</h1>
      </div>
      <section className="card" aria-labelledby="retention-heading">
        <h2 id="retention-heading">Presence history</h2>
        <p className="card__lede">
          Every change of a member’s presence is kept, for their profile’s timeline, for {days} days
          {days === DEFAULT_RETENTION_DAYS ? " (the default)" : ""}. Older history is removed every hour; the current presence is always kept.
        </p>
        <RetentionForm days={days} />
      </section>
    </>
  );
}
