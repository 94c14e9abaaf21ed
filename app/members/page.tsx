// Members directory: everyone, with live presence and a "chat now" link when online, in sections by
// the bot's roster groups. `?online=1` narrows the list on the server to members online when the page
// was loaded. Only members whose presence the viewer may see are placed by group (see member-sections).
import type { Metadata } from "next";
import Link from "next/link";
import { ChatLink } from "@/app/_components/chat-link";
import { LivePresence } from "@/app/_components/live-presence";
import { LiveStatus } from "@/app/_components/live-status";
import { memberProfileHref } from "@/app/_components/member-name";
import { PresenceDot, PresenceStatusText } from "@/app/_components/presence-dot";
import { getViewer } from "@/lib/auth/current-viewer";
import { getDb } from "@/lib/db/client";
import { audienceOf } from "@/lib/presence/visibility";
import { listMembers } from "@/lib/members/list-members";
import { loadRosterGroups } from "@/lib/members/load-roster-groups";
import { sectionMembersByGroup } from "@/lib/members/member-sections";
import { loadMemberPresence } from "@/lib/presence/load-member-presence";
import { isOnlineState } from "@/lib/presence/states";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Members" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function MembersPage({ searchParams }: { searchParams: SearchParams }) {
  const onlineOnly = (await searchParams).online === "1";
  const db = getDb();
  const everyone = await listMembers(db);
  const presence = await loadMemberPresence(db, everyone.map((member) => member.id), audienceOf(await getViewer()));
  const members = onlineOnly
    ? everyone.filter((member) => {
        const view = presence.byMember.get(member.id);
        return view !== undefined && isOnlineState(view.state);
      })
    : everyone;
  const mayShowGroups = (memberId: string) => presence.byMember.has(memberId);
  const groups = await loadRosterGroups(db, members.flatMap((member) => (mayShowGroups(member.id) ? member.id : [])));
  const sections = sectionMembersByGroup(members, groups, mayShowGroups);

  return (
    // Keyed by the filter so switching it starts again from the freshly loaded views.
    <LivePresence key={onlineOnly ? "online" : "everyone"} presence={presence}>
      <div className="page-heading">
        <div>
          <h1>Members</h1>
          <p className="page-heading__lede">Who belongs here, and who is around to chat right now.</p>
        </div>
        <LiveStatus />
      </div>
      <nav className="filter-tabs" aria-label="Filter members">
        <Link href="/members" className="filter-tabs__tab" aria-current={onlineOnly ? undefined : "page"}>
          Everyone
        </Link>
        <Link href="/members?online=1" className="filter-tabs__tab" aria-current={onlineOnly ? "page" : undefined}>
          Online now
        </Link>
      </nav>
      {members.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">{emptyTitle(onlineOnly, presence.live)}</p>
          <p>{emptyHint(onlineOnly, presence.live)}</p>
        </div>
      ) : (
        sections.map((section, index) => (
          <section key={section.name} className="member-group" aria-labelledby={`member-group-${index}`}>
            <h2 id={`member-group-${index}`} className="member-group__title">
              {section.name}
            </h2>
            <ul className="member-list" aria-labelledby={`member-group-${index}`}>
              {section.members.map((member) => (
                <li key={member.id} className="member-row">
                  <span className="member-row__dot">
                    <PresenceDot memberId={member.id} />
                  </span>
                  <span className="member-row__who">
                    <Link href={memberProfileHref(member.handle)} className="member-row__name">
                      {member.displayName}
                    </Link>
                    <span className="member-row__handle">@{member.handle}</span>
                  </span>
                  <span className="member-row__status">
                    <PresenceStatusText memberId={member.id} />
                  </span>
                  <span className="member-row__chat">
                    <ChatLink memberId={member.id} name={member.displayName} />
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </LivePresence>
  );
}

function emptyTitle(onlineOnly: boolean, live: boolean): string {
  if (!onlineOnly) return "No members yet";
  return live ? "Nobody is online right now" : "We can’t tell who is online right now";
}

function emptyHint(onlineOnly: boolean, live: boolean): string {
  if (!onlineOnly) return "Members appear here once they have joined.";
  return live ? "Try again later, or see everyone and leave a message on the board." : "Live presence is paused. See everyone instead.";
}
