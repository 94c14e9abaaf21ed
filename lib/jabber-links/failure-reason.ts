// Why linking a Jabber ID failed, in words a member understands, from the stanza error that came
// back for the bot's subscription request or code message (RFC 6120 §8.3.3 conditions).
import type { XmlElementLike } from "@/lib/presence/parse-presence-stanza";

const NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

type ErrorChild = { name?: string; attrs?: Record<string, string | undefined> };

/** The defined condition of a type="error" stanza (RFC 6120 §8.3.2), e.g. "remote-server-not-found". */
export function stanzaErrorCondition(stanza: XmlElementLike): string {
  const error = stanza.getChild("error") as (XmlElementLike & { children?: unknown[] }) | undefined;
  const children = (error?.children ?? []) as ErrorChild[];
  const condition = children.find((child) => child.attrs?.xmlns === NS_STANZAS && child.name !== "text");
  return condition?.name?.slice(0, 60) ?? "undefined-condition";
}

/**
 * The failure in words, without a leading capital or full stop ("the server example.net could not
 * be reached"). `botDomain` tells a remote JID from one on the bot's own server: for a remote JID,
 * not-allowed is what a server answers when it does not talk to other servers at all (Prosody
 * without server-to-server, core/stanza_router.lua), so the JID's server is unreachable for us.
 */
export function describeDeliveryFailure(input: { jid: string; condition: string; botDomain: string }): string {
  const { jid, condition } = input;
  const domain = jid.slice(jid.indexOf("@") + 1);
  const remote = domain !== input.botDomain;
  switch (condition) {
    case "remote-server-not-found":
    case "remote-server-timeout":
      return `the server ${domain} could not be reached`;
    case "not-allowed":
      return remote ? `the server ${domain} could not be reached` : `the server ${domain} does not allow messages to ${jid}`;
    case "item-not-found":
    case "gone":
      return `the account ${jid} does not exist`;
    case "service-unavailable":
    case "recipient-unavailable":
      return `the code could not be delivered: ${jid} does not exist or cannot receive messages right now`;
    case "forbidden":
    case "not-authorized":
    case "policy-violation":
    case "registration-required":
    case "subscription-required":
      return `${jid} does not accept messages from the Narthex bot`;
    case "jid-malformed":
      return `the server ${domain} does not accept ${jid} as an address`;
    default:
      return `the server ${domain} answered with an error (${condition})`;
  }
}
