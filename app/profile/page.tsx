// The signed-in member's own page: account details, name and presence visibility, linked Jabber IDs,
// and the badge to show on other sites.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { BadgeSection } from "@/app/profile/_components/badge-section";
import { JabberLinksSection } from "@/app/profile/jabber-links-section";
import { ProfileForm } from "@/app/profile/profile-form";
import { getViewer } from "@/lib/auth/current-viewer";
import { badgeSnippets, requestOrigin, whyBadgeIsHidden } from "@/lib/badges/badge-snippets";
import { getDb } from "@/lib/db/client";
import { getWebEnv } from "@/lib/env";
import { listMemberLinks } from "@/lib/jabber-links/list-member-links";
import { loadOwnProfile, ROLE_NAMES } from "@/lib/members/load-profile";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your profile" };

export default async function ProfilePage() {
  const viewer = await getViewer();
  if (viewer.kind !== "member") redirect("/sign-in?next=/profile");
  const db = getDb();
  const profile = await loadOwnProfile(db, viewer.id);
  if (!profile) redirect("/sign-in?next=/profile");
  const links = await listMemberLinks(db, viewer.id);
  const env = getWebEnv();
  const board = env.NARTHEX_PUBLIC_URL ?? requestOrigin(await headers());

  return (
    <>
      <div className="page-heading">
        <div>
          <h1>Your profile</h1>
          <p className="page-heading__lede">How you appear here, and who can see when you are online.</p>
        </div>
      </div>
      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <dl className="details-list">
          <dt>Name</dt>
          <dd data-testid="profile-name">{profile.displayName}</dd>
          <dt>Handle</dt>
          <dd>@{profile.handle}</dd>
          <dt>Email</dt>
          <dd>{profile.email ?? "None"}</dd>
          <dt>Role</dt>
          <dd data-testid="profile-role">{ROLE_NAMES[profile.role]}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="presence-heading">
        <h2 id="presence-heading">Name and presence</h2>
        <ProfileForm displayName={profile.displayName} presenceVisibility={profile.presenceVisibility} />
      </section>
      <JabberLinksSection links={links} />
      <BadgeSection
        snippets={badgeSnippets({ board, badges: env.NARTHEX_REALTIME_URL }, profile)}
        missing={whyBadgeIsHidden(profile.presenceVisibility, links.map((link) => link.state))}
      />
    </>
  );
}
