// The bot's roster as the XMPP server holds it (the worker mirrors every roster push): each contact's
// JID, name, groups, subscription and pending requests both ways, the member who linked it and the
// presence stored for it; then the subscription requests of strangers, waiting for a moderator to
// approve or deny them.
import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ConsoleTable } from "@/app/moderation/_components/console-table";
import { AddContactForm } from "@/app/moderation/roster/_components/add-contact-form";
import { ContactActions } from "@/app/moderation/roster/_components/contact-actions";
import { RequestPolicyForm } from "@/app/moderation/roster/_components/request-policy";
import { RosterAnswer } from "@/app/moderation/roster/_components/roster-answer";
import { StrangerRequests } from "@/app/moderation/roster/_components/stranger-requests";
import { TimeAgo } from "@/app/posts/_components/time-ago";
import { getViewer } from "@/lib/auth/current-viewer";
import { requireRole } from "@/lib/auth/require-role";
import { getDb } from "@/lib/db/client";
import { loadBlockingSupport } from "@/lib/moderation/load-blocklist";
import { loadRosterView } from "@/lib/moderation/load-roster-view";
import { memberLinkInWords, pendingInWords, subscriptionInWords } from "@/lib/moderation/roster-in-words";
import { PRESENCE_LABELS } from "@/lib/presence/states";
import { readRequestPolicy } from "@/lib/roster/request-policy";

export const metadata: Metadata = { title: "Roster · Moderation" };

const PATH = "/moderation/roster";

export default async function RosterPage() {
  const viewer = requireRole(await getViewer(), "moderation.view", PATH);
  const loaded = await loadRosterView(getDb(), viewer);
  if (!loaded.ok) forbidden();
  const { rows, requests, workerLive } = loaded.value;
  const now = new Date();
  return (
    <>
      <div className="page-heading">
        <div>
          <h1>Roster</h1>
          <p className="page-heading__lede">Everyone the bot watches, as the XMPP server holds it.</p>
        </div>
      </div>
      {workerLive ? null : (
        <p className="notice" role="status">
          The presence service is not connected, so this is the roster as last mirrored and may be out of date.
        </p>
      )}
      <section className="card console__section" aria-labelledby="add-contact-heading">
        <h2 id="add-contact-heading">Add a contact</h2>
        <AddContactForm />
      </section>
      <RosterAnswer>
        {rows.length === 0 ? (
          <div className="empty-state">
            <p className="empty-state__title">The bot&rsquo;s roster is empty</p>
            <p>Contacts appear here when members link a Jabber ID or a moderator adds one.</p>
          </div>
        ) : (
          <ConsoleTable name="roster" caption={`Roster contacts (${rows.length})`}>
            <thead>
              <tr>
                <th scope="col">Jabber ID</th>
                <th scope="col">Name and groups</th>
                <th scope="col">Subscription</th>
                <th scope="col">Pending</th>
                <th scope="col">Member</th>
                <th scope="col">Presence</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.jid} data-testid={`roster-${row.jid}`}>
                  <th scope="row" className="console-table__jid">
                    {row.jid}
                  </th>
                  <td>
                    {row.name ?? <span className="muted">No name</span>}
                    {row.groups.length > 0 ? <span className="console-table__groups">{row.groups.join(", ")}</span> : null}
                  </td>
                  <td>{subscriptionInWords(row.subscription)}</td>
                  <td>{pendingInWords(row)}</td>
                  <td>
                    {row.member ? (
                      <>
                        {row.member.displayName} <span className="muted">@{row.member.handle}</span>
                        <span className="console-table__groups">{memberLinkInWords(row.member)}</span>
                      </>
                    ) : (
                      <span className="muted">Not linked to a member</span>
                    )}
                  </td>
                  <td>
                    {row.presence ? (
                      <>
                        {PRESENCE_LABELS[row.presence.state]}
                        {row.presence.statusText ? <span className="console-table__groups">{row.presence.statusText}</span> : null}
                        <span className="console-table__groups">
                          since <TimeAgo time={row.presence.since} now={now} />
                        </span>
                      </>
                    ) : (
                      <span className="muted">Nothing stored</span>
                    )}
                  </td>
                  <td>
                    <ContactActions contact={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </ConsoleTable>
        )}
      </RosterAnswer>
      <section className="card console__section" aria-labelledby="requests-heading">
        <h2 id="requests-heading">Subscription requests from strangers</h2>
        <RequestPolicyForm policy={await readRequestPolicy(getDb())} />
        <StrangerRequests requests={requests} now={now} canBlock={(await loadBlockingSupport(getDb())) === "supported"} />
      </section>
    </>
  );
}
