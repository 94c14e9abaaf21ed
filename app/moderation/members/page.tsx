// Members as the console sees them: everyone with an account, suspended members too, with their role,
// standing and verified Jabber IDs; moderators suspend and reinstate plain members, administrators
// anyone and change roles. `?show=` narrows the list (suspended, moderators and administrators),
// `?after=` pages on by handle.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { Pager } from "@/app/_components/pager";
import { MemberTable } from "@/app/moderation/members/_components/member-table";
import { getViewer } from "@/lib/auth/current-viewer";
import { requireRole } from "@/lib/auth/require-role";
import { getDb } from "@/lib/db/client";
import { listConsoleMembers, parseMemberListParams, type MemberFilter } from "@/lib/moderation/list-console-members";

export const metadata: Metadata = { title: "Members · Moderation" };

const PATH = "/moderation/members";

const FILTERS: Array<{ value: MemberFilter; label: string; caption: string }> = [
  { value: "all", label: "Everyone", caption: "Members" },
  { value: "suspended", label: "Suspended", caption: "Suspended members" },
  { value: "staff", label: "Moderators and administrators", caption: "Moderators and administrators" },
];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ConsoleMembersPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = requireRole(await getViewer(), "moderation.view", PATH);
  const { show, after } = await searchParams;
  const params = parseMemberListParams({ show, after });
  const options = params.ok ? params.value : { filter: "all" as const };
  const listed = await listConsoleMembers(getDb(), viewer, options);
  if (!listed.ok) forbidden();
  const { members, nextCursor } = listed.value;
  const current = FILTERS.find((filter) => filter.value === options.filter) ?? FILTERS[0];
  const hrefOf = (filter: MemberFilter, from?: string) => {
    const query = new URLSearchParams({ ...(filter === "all" ? {} : { show: filter }), ...(from ? { after: from } : {}) }).toString();
    return query ? `${PATH}?${query}` : PATH;
  };
  return (
    <>
      <div className="page-heading">
        <div>
          <h1>Members</h1>
          <p className="page-heading__lede">
            Everyone with an account. A suspended member is signed out everywhere, cannot sign in, and their presence is no longer shown.
          </p>
        </div>
      </div>
      <nav aria-label="Which members" className="site-nav console__filters">
        <ul>
          {FILTERS.map((filter) => (
            <li key={filter.value}>
              <Link href={hrefOf(filter.value)} className="site-nav__link" aria-current={filter.value === options.filter ? "page" : undefined}>
                {filter.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {params.ok ? null : (
        <p className="notice" role="status">
          {params.error}
        </p>
      )}
      <MemberTable
        members={members}
        caption={`${current?.caption ?? "Members"}${options.after ? " (continued)" : ""}`}
        now={new Date()}
        empty={
          <div className="empty-state">
            <p className="empty-state__title">{options.filter === "suspended" ? "Nobody is suspended" : "No members here"}</p>
            <p>{options.filter === "suspended" ? "Members you suspend are listed here until they are reinstated." : "People appear here once they join."}</p>
          </div>
        }
      />
      <Pager
        label="Pages"
        back={options.after ? { href: hrefOf(options.filter), text: "First page" } : null}
        next={nextCursor ? { href: hrefOf(options.filter, nextCursor), text: "More members" } : null}
      />
    </>
  );
}
