"use client";
// The blocklist as the bot's server confirmed it, each with Unblock. One answer area for the whole
// list: the keyboard moves to the sentence that says what happened.
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { AnswerArea, BusyButton } from "@/app/_components/form-field";
import { unblockAction, type BlockFormState } from "@/app/moderation/blocklist-actions";
import { ConsoleTable } from "@/app/moderation/_components/console-table";
import { TimeAgo } from "@/app/posts/_components/time-ago";

function UnblockButton({ jid }: { jid: string }) {
  const { pending } = useFormStatus();
  return (
    <BusyButton pending={pending} className="button button--secondary">
      Unblock<span className="visually-hidden"> {jid}</span>
    </BusyButton>
  );
}


export function BlockedList({ blocked, now }: { blocked: Array<{ jid: string; blockedAt: Date }>; now: Date }) {
  const [state, action] = useActionState(unblockAction, {} satisfies BlockFormState);
  return (
    <>
      <AnswerArea state={state} />
      {blocked.length === 0 ? (
        <p>Nobody is blocked.</p>
      ) : (
        <ConsoleTable name="blocked" caption={`Blocked (${blocked.length})`}>
          <thead>
            <tr>
              <th scope="col">Jabber ID or server</th>
              <th scope="col">Blocked</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {blocked.map((row) => (
              <tr key={row.jid} data-testid={`blocked-${row.jid}`}>
                <th scope="row" className="console-table__jid">
                  {row.jid}
                </th>
                <td>
                  <TimeAgo time={row.blockedAt} now={now} />
                </td>
                <td>
                  <form action={action}>
                    <input type="hidden" name="jid" value={row.jid} />
                    <UnblockButton jid={row.jid} />
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </ConsoleTable>
      )}
    </>
  );
}
