"use client";
// "Chat now": an xmpp: URI that opens the viewer's own client (RFC 5122, XEP-0147 ?message). It
// exists only while the member is online and the feed is live (the view's chatUri is null otherwise).
import { useMemberPresence } from "@/app/_components/presence-provider";

export function ChatLink({ memberId, name }: { memberId: string; name: string }) {
  const view = useMemberPresence(memberId);
  if (!view?.chatUri) return null;
  return (
    <a className="chat-link" href={view.chatUri} data-testid={`chat-${memberId}`}>
      Chat now<span className="visually-hidden"> with {name}</span>
    </a>
  );
}
