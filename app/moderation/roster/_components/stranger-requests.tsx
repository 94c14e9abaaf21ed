"use client";
// Strangers' subscription requests with Approve and Deny. One answer area for the whole list: the
// request answered leaves the list, and the keyboard moves to the sentence that says what happened.
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { BusyButton, FormMessage, useFocusOnAnswer } from "@/app/_components/form-field";
import { decideRequestAction, type DecisionFormState } from "@/app/moderation/actions";
import { TimeAgo } from "@/app/posts/_components/time-ago";
import type { PendingRequest } from "@/lib/moderation/load-roster-view";

function DecisionButtons({ jid }: { jid: string }) {
  const { pending } = useFormStatus();
  return (
    <span className="console-list__actions">
      <BusyButton pending={pending} name="decision" value="approve" className="button button--secondary">
        Approve<span className="visually-hidden"> {jid}</span>
      </BusyButton>
      <BusyButton pending={pending} name="decision" value="deny" className="button button--secondary">
        Deny<span className="visually-hidden"> {jid}</span>
      </BusyButton>
    </span>
  );
}

const itself = (element: HTMLDivElement) => element;

export function StrangerRequests({ requests, now }: { requests: PendingRequest[]; now: Date }) {
  const [state, action] = useActionState(decideRequestAction, {} satisfies DecisionFormState);
  const message = useFocusOnAnswer(state, itself);
  return (
    <>
      <div ref={message} tabIndex={-1} className="console-list__message">
        <FormMessage error={state.error} success={state.success} />
      </div>
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
                <DecisionButtons jid={request.jid} />
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
