"use client";
// The dot beside a member's name. Its state is also in words (aria-label and tooltip), so colour is
// never the only signal. Members with no visible Jabber ID get no dot at all.
import { useMemberPresence } from "@/app/_components/presence-provider";
import { PRESENCE_LABELS } from "@/lib/presence/states";

export function PresenceDot({ memberId }: { memberId: string }) {
  const view = useMemberPresence(memberId);
  if (!view) return null;
  const label = PRESENCE_LABELS[view.state];
  return (
    <span
      className={`presence-dot presence-dot--${view.state}`}
      role="img"
      aria-label={label}
      title={view.statusText ? `${label}: ${view.statusText}` : label}
      data-testid={`presence-${memberId}`}
      data-state={view.state}
    />
  );
}

/** The member's status text, when they are online and have one. */
export function PresenceStatusText({ memberId }: { memberId: string }) {
  const view = useMemberPresence(memberId);
  if (!view) return <span className="presence-text presence-text--none">No Jabber ID linked</span>;
  return (
    <span className="presence-text">
      {PRESENCE_LABELS[view.state]}
      {view.statusText ? (
        <>
          {" — "}
          <span className="presence-text__status">{view.statusText}</span>
        </>
      ) : null}
    </span>
  );
}

/** "Chat now": an xmpp: URI that opens the viewer's own client (RFC 5122, XEP-0147), only while online. */
export function ChatLink({ memberId, name }: { memberId: string; name: string }) {
  const view = useMemberPresence(memberId);
  if (!view?.chatUri) return null;
  return (
    <a className="chat-link" href={view.chatUri} data-testid={`chat-${memberId}`} aria-label={`Chat now with ${name}`}>
      Chat now
    </a>
  );
}
