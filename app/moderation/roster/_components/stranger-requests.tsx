"use client";
// Strangers' subscription requests with Approve and Deny. One answer area for the whole list: the
// request answered leaves the list, and the keyboard moves to the sentence that says what happened.
import { useActionState, useEffect, useRef } from "react";
import { useFormStatus } from "react-dom";
import { FormMessage, ignoreWhileBusy } from "@/app/_components/form-field";
import { decideRequestAction, type DecisionFormState } from "@/app/moderation/actions";
import { TimeAgo } from "@/app/posts/_components/time-ago";
import type { PendingRequest } from "@/lib/moderation/load-roster-view";

function DecisionButtons({ jid }: { jid: string }) {
  const { pending } = useFormStatus();
  return (
    <span className="console-list__actions">
      <button type="submit" name="decision" value="approve" className="button button--secondary" aria-disabled={pending || undefined} onClick={ignoreWhileBusy(pending)}>
        Approve<span className="visually-hidden"> {jid}</span>
      </button>
      <button type="submit" name="decision" value="deny" className="button button--secondary" aria-disabled={pending || undefined} onClick={ignoreWhileBusy(pending)}>
        Deny<span className="visually-hidden"> {jid}</span>
      </button>
    </span>
  );
}

export function StrangerRequests({ requests, now }: { requests: PendingRequest[]; now: Date }) {
  const [state, action] = useActionState(decideRequestAction, {} satisfies DecisionFormState);
  const message = useRef<HTMLDivElement>(null);
  const initial = useRef(state);
  useEffect(() => {
    if (state !== initial.current) message.current?.focus();
  }, [state]);
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
