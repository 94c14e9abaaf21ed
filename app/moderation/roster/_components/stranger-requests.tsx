"use client";
// Strangers' subscription requests with Approve and Deny (and Block, when the server supports it). One answer area for the whole list: the
// request answered leaves the list, and the keyboard moves to the sentence that says what happened.
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { AnswerArea, BusyButton } from "@/app/_components/form-field";
import type { DecisionFormState } from "@/app/moderation/actions";
import { answerOrBlockRequestAction } from "@/app/moderation/blocklist-actions";
import { TimeAgo } from "@/app/posts/_components/time-ago";
import type { PendingRequest } from "@/lib/moderation/load-roster-view";

function DecisionButtons({ jid, canBlock }: { jid: string; canBlock: boolean }) {
  const { pending } = useFormStatus();
  return (
    <span className="console-list__actions">
      <BusyButton pending={pending} name="decision" value="approve" className="button button--secondary">
        Approve<span className="visually-hidden"> {jid}</span>
      </BusyButton>
      <BusyButton pending={pending} name="decision" value="deny" className="button button--secondary">
        Deny<span className="visually-hidden"> {jid}</span>
      </BusyButton>
      {canBlock ? (
        <BusyButton pending={pending} name="decision" value="block" className="button button--secondary">
          Block<span className="visually-hidden"> {jid}</span>
        </BusyButton>
      ) : null}
    </span>
  );
}


/** `canBlock`: the bot's server supports blocking (XEP-0191), so each request also offers Block. */
export function StrangerRequests({ requests, now, canBlock = false }: { requests: PendingRequest[]; now: Date; canBlock?: boolean }) {
  const [state, action] = useActionState(answerOrBlockRequestAction, {} satisfies DecisionFormState);
  return (
    <>
      <AnswerArea state={state} />
      {requests.length === 0 ? (
        <p>No one is waiting. Requests from Jabber IDs no member has linked wait here for a moderator.</p>
      ) : (
        <ul className="console-list">
          {requests.map((request) => (
            <li key={request.jid} data-testid={`request-${request.jid}`}>
              <form action={action} className="console-list__item">
                <input type="hidden" name="jid" value={request.jid} />
                <span>
                  <span className="console-table__jid">{request.jid}</span>{" "}
                  <span className="muted">
                    asked <TimeAgo time={request.lastAt} now={now} />
                    {request.onRoster ? " · on the roster" : ""}
                  </span>
                </span>
                <DecisionButtons jid={request.jid} canBlock={canBlock} />
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
