// Members directory: everyone, with their live presence and a "chat now" link when online.
import type { Metadata } from "next";
import Link from "next/link";
import { LivePresence } from "@/app/_components/live-presence";
import { LiveStatus } from "@/app/_components/live-status";
import { MemberName } from "@/app/_components/member-name";
import { PresenceStatusText } from "@/app/_components/presence-dot";
import { getDb } from "@/lib/db/client";
import { listMembers } from "@/lib/members/list-members";
import { loadFeedStatus, loadMemberViews } from "@/lib/presence/load-member-views";
import { isOnlineState } from "@/lib/presence/states";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const onlineOnly = (await searchParams).online === "1";
  const db = getDb();
  let members = await listMembers(db);
  if (onlineOnly) {
    const status = await loadFeedStatus(db);
    const online = new Set(
      (await loadMemberViews(db, status.live, members.map((m) => m.id))).filter((v) => isOnlineState(v.state)).map((v) => v.memberId),
    );
    members = members.filter((member) => online.has(member.id));
  }
  return (
    <LivePresence memberIds={members.map((member) => member.id)}>
      <div className="page-heading">
        <h1>Members</h1>
        <LiveStatus />
      </div>
      <p className="filter-bar">
        {onlineOnly ? (
          <>
            Showing members online now. <Link href="/members">Show everyone</Link>
          </>
        ) : (
          <>
            Showing everyone. <Link href="/members?online=1">Show who is online now</Link>
          </>
        )}
      </p>
      {members.length === 0 ? (
        <p className="empty-state">{onlineOnly ? "Nobody is online right now." : "No members yet."}</p>
      ) : (
        <ul className="member-list">
          {members.map((member) => (
            <li key={member.id} className="member-row">
              <MemberName member={member} />
              <span className="member-row__handle">@{member.handle}</span>
              <PresenceStatusText memberId={member.id} />
            </li>
          ))}
        </ul>
      )}
    </LivePresence>
  );
}
