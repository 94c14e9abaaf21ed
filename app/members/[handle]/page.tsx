// A member's public profile: name, role and since when, their live presence with "chat now", when
// they were last seen, and for viewers allowed to see their presence the last seven days as a
// timeline with the time online per day. Anyone else sees what a member without a Jabber ID shows.
// Unknown and suspended members are not found.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ChatLink } from "@/app/_components/chat-link";
import { LivePresence } from "@/app/_components/live-presence";
import { LiveStatus } from "@/app/_components/live-status";
import { PresenceDot, PresenceStatusText } from "@/app/_components/presence-dot";
import { LastSeen } from "@/app/members/[handle]/_components/last-seen";
import { PresenceTimeline } from "@/app/members/[handle]/_components/presence-timeline";
import { getViewer } from "@/lib/auth/current-viewer";
import { getDb } from "@/lib/db/client";
import { ROLE_NAMES } from "@/lib/members/load-profile";
import { loadPublicProfile as loadPublicProfileUncached } from "@/lib/members/load-public-profile";
import { loadPresenceHistory } from "@/lib/presence-history/load-presence-history";
import { loadMemberPresence } from "@/lib/presence/load-member-presence";
import { audienceOf } from "@/lib/presence/visibility";

export const dynamic = "force-dynamic";

type Params = Promise<{ handle: string }>;

/** Metadata and page read the member once per request. */
const loadPublicProfile = cache(loadPublicProfileUncached);

const memberSince = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const profile = await loadPublicProfile(getDb(), (await params).handle.toLowerCase());
  return { title: profile ? profile.displayName : "Member not found" };
}

export default async function MemberProfilePage({ params }: { params: Params }) {
  const db = getDb();
  const profile = await loadPublicProfile(db, (await params).handle.toLowerCase());
  if (!profile) notFound();
  const audience = audienceOf(await getViewer());
  const now = new Date();
  const [presence, history] = await Promise.all([loadMemberPresence(db, [profile.id], audience, now), loadPresenceHistory(db, audience, profile.handle, now)]);
  return (
    <LivePresence presence={presence}>
      <div className="page-heading">
        <div>
          <p className="member-profile__back">
            <Link href="/members">← All members</Link>
          </p>
          <h1 className="member-profile__name">{profile.displayName}</h1>
          <p className="page-heading__lede">@{profile.handle}</p>
        </div>
        <LiveStatus />
      </div>
      <section className="card" aria-labelledby="about-heading">
        <h2 id="about-heading">About</h2>
        <dl className="details-list">
          <dt>Role</dt>
          <dd>{ROLE_NAMES[profile.role]}</dd>
          <dt>Member since</dt>
          <dd>
            <time dateTime={profile.createdAt.toISOString()}>{memberSince.format(profile.createdAt)}</time>
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="presence-heading">
        <h2 id="presence-heading">Presence</h2>
        <div className="member-profile__now">
          <PresenceDot memberId={profile.id} />
          <PresenceStatusText memberId={profile.id} />
          <ChatLink memberId={profile.id} name={profile.displayName} />
        </div>
        <LastSeen memberId={profile.id} now={now} />
        {history ? <PresenceTimeline name={profile.displayName} history={history} now={now} /> : null}
      </section>
    </LivePresence>
  );
}
