"use client";
// The dot beside a member's name. Its state is also in words (accessible name and tooltip), so colour
// is never the only signal. Members with no verified Jabber ID get no dot at all.
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

/** The state in words, with the member's status message (clamped to one line; full text in the tooltip). */
export function PresenceStatusText({ memberId }: { memberId: string }) {
  const view = useMemberPresence(memberId);
  if (!view) return <NoPresence />;
  return (
    <span className="presence-text" data-testid={`presence-text-${memberId}`}>
      <span className="presence-text__state">
        {PRESENCE_LABELS[view.state]}
        {view.idleSince ? <span className="presence-text__idle"> · idle</span> : null}
      </span>
      {view.statusText ? (
        <span className="presence-text__status" title={view.statusText}>
          {view.statusText}
        </span>
      ) : null}
    </span>
  );
}

/**
 * What shows for a member without a view: no verified Jabber ID, or presence the viewer may not see.
 * The two look exactly alike, so a page never reveals that a hidden member has linked one.
 */
export function NoPresence() {
  return <span className="presence-text presence-text--none">No Jabber ID linked</span>;
}
