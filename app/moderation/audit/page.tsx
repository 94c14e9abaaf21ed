// The audit log: every moderator and operator action, newest first, with who did it, when, on what,
// and the target before and after. Filter by action, kind of target or person (a GET form, so a
// filtered view is a link to share); `?before=` pages back.
import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/app/_components/pager";
import { ConsoleTable } from "@/app/moderation/_components/console-table";
import { TimeAgo } from "@/app/posts/_components/time-ago";
import { getViewer } from "@/lib/auth/current-viewer";
import { requireRole } from "@/lib/auth/require-role";
import { getDb } from "@/lib/db/client";
import { listAuditEntries, type AuditFilter } from "@/lib/moderation/list-audit-entries";
import { parseBeforeParam } from "@/lib/moderation/parse-console-params";

export const metadata: Metadata = { title: "Audit log · Moderation" };

const PATH = "/moderation/audit";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (value: string | string[] | undefined): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

function snapshot(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The page's address with this filter (and page), for links that keep what is chosen. */
function hrefWith(filter: AuditFilter, before?: number): string {
  const query = new URLSearchParams();
  if (filter.action) query.set("action", filter.action);
  if (filter.targetType) query.set("target", filter.targetType);
  if (filter.actorId) query.set("actor", filter.actorId);
  if (before !== undefined) query.set("before", String(before));
  const text = query.toString();
  return text ? `${PATH}?${text}` : PATH;
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = requireRole(await getViewer(), "moderation.view", PATH);
  const params = await searchParams;
  const before = parseBeforeParam(params.before);
  const filter: AuditFilter = { action: one(params.action), targetType: one(params.target), actorId: one(params.actor) };
  const listed = await listAuditEntries(getDb(), viewer, { ...filter, before: before.ok ? before.value : undefined });
  // The viewer is a moderator (requireRole), so a refusal here is about the filter, said on the page.
  const problem = !before.ok ? before.error : !listed.ok ? listed.error : null;
  const { entries, olderCursor, actions, targetTypes } = listed.ok ? listed.value : { entries: [], olderCursor: null, actions: [], targetTypes: [] };
  const filtered = Boolean(filter.action || filter.targetType || filter.actorId);
  const olderPage = before.ok && before.value !== undefined;
  const now = new Date();
  return (
    <>
      <div className="page-heading">
        <div>
          <h1>Audit log</h1>
          <p className="page-heading__lede">Every change made by moderators, administrators and the operator, as it was written.</p>
        </div>
      </div>
      <form className="console-filter" method="get" action={PATH} aria-label="Filter the audit log">
        <label>
          Action
          <select name="action" defaultValue={filter.action ?? ""}>
            <option value="">Any action</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label>
          Target
          <select name="target" defaultValue={filter.targetType ?? ""}>
            <option value="">Anything</option>
            {targetTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        {filter.actorId ? <input type="hidden" name="actor" value={filter.actorId} /> : null}
        <button type="submit" className="button button--secondary">
          Show
        </button>
        {filtered ? <Link href={PATH}>Show everything</Link> : null}
      </form>
      {problem ? (
        <p className="notice" role="status">
          {problem}
        </p>
      ) : null}
      {entries.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">{filtered ? "Nothing matches this filter" : olderPage ? "No older entries" : "Nothing has been changed yet"}</p>
          <p>Moderating a post, changing a member&rsquo;s role or managing categories writes an entry here.</p>
        </div>
      ) : (
        <ConsoleTable name="audit" caption={filtered ? "Matching entries" : "Latest entries"}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">On</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-testid={`audit-${entry.id}`}>
                <td>
                  <TimeAgo time={entry.createdAt} now={now} />
                </td>
                <td>
                  {entry.actor ? (
                    <Link href={hrefWith({ ...filter, actorId: entry.actor.id })}>{entry.actor.displayName}</Link>
                  ) : (
                    <span className="muted">The operator</span>
                  )}
                </td>
                <th scope="row">{entry.action}</th>
                <td>
                  {entry.targetType} <code className="console-table__id">{entry.targetId}</code>
                </td>
                <td>
                  <code className="console-table__snapshot">{snapshot(entry.before)}</code>
                </td>
                <td>
                  <code className="console-table__snapshot">{snapshot(entry.after)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </ConsoleTable>
      )}
      <Pager
        label="Pages"
        back={olderPage ? { href: hrefWith(filter), text: "Newest entries" } : null}
        next={olderCursor !== null ? { href: hrefWith(filter, olderCursor), text: "Older entries" } : null}
      />
    </>
  );
}
