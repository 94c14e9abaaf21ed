// A real XMPP member (a person's Jabber client) for integration tests, the benchmark and the demo.
// Sends nothing on its own: no initial presence, no automatic reconnect, so each test decides.
import { randomUUID } from "node:crypto";
import { client, xml, type Client } from "@xmpp/client";

type Element = ReturnType<typeof xml>;
/** What xmpp.js emits as 'error': stream errors carry their RFC 6120 condition. */
export type XMPPError = Error & { condition?: string };

export type PresenceShow = "away" | "chat" | "dnd" | "xa";
export type PresenceType = "unavailable" | "subscribe" | "subscribed" | "unsubscribe" | "unsubscribed" | "probe";

export interface PresenceOptions {
  /** Omit for available presence; without `to` that is a broadcast (initial presence the first time). */
  type?: PresenceType;
  to?: string;
  show?: PresenceShow;
  status?: string;
  priority?: number;
  /** Extra child elements, e.g. an XEP-0319 <idle/>. */
  extra?: Element[];
}

export interface MemberClientOptions {
  service: string;
  domain: string;
  username: string;
  password: string;
  resource?: string;
  /** Answer <presence type="subscribe"> from these bare JIDs (or anyone) with "subscribed". */
  autoApproveFrom?: string[] | "any";
  /** Keep xmpp.js's reconnect (fixed 1 s delay). Default false. */
  reconnect?: boolean;
  /** SASL PLAIN even without TLS (default true). False lets xmpp.js choose (SCRAM, ~1.3 s per login). */
  plain?: boolean;
}

export interface MemberClient {
  /** Full JID bound by the server. */
  readonly jid: string;
  readonly bareJid: string;
  /** The underlying @xmpp/client, for fault tests (listen to its events, disconnect it...). */
  readonly xmpp: Client;
  /** Every stanza received, in order. */
  readonly stanzas: readonly Element[];
  /** The <message/> stanzas received, in order. */
  readonly messages: readonly Element[];
  /** Every 'error' the client emitted (stream errors such as conflict, socket errors). */
  readonly errors: readonly XMPPError[];
  sendPresence(options?: PresenceOptions): Promise<void>;
  sendMessage(to: string, body: string): Promise<void>;
  sendRaw(element: Element): Promise<void>;
  /** Resolves with the next stanza matching `predicate` (stanzas already received do not count). */
  waitFor(predicate: (stanza: Element) => boolean, timeoutMs?: number): Promise<Element>;
  /** Closes the stream; quiet if the connection is already gone. */
  stop(): Promise<void>;
}

export { xml };

export async function connectMemberClient(options: MemberClientOptions): Promise<MemberClient> {
  const { username, password } = options;
  const xmpp = client({
    service: options.service,
    domain: options.domain,
    resource: options.resource,
    username,
    // xmpp.js refuses PLAIN on an unencrypted stream when it picks the mechanism itself
    // (client/lib/createOnAuthenticate.js); a credentials function picks it for us.
    credentials:
      options.plain === false
        ? { username, password }
        : async (authenticate, mechanisms) => {
            if (!mechanisms.includes("PLAIN")) {
              throw new Error(`server does not offer SASL PLAIN (offers ${mechanisms.join(", ")})`);
            }
            await authenticate({ username, password }, "PLAIN", xml("user-agent", { id: randomUUID() }));
          },
  });
  if (!options.reconnect) xmpp.reconnect.stop();

  const stanzas: Element[] = [];
  const messages: Element[] = [];
  const errors: XMPPError[] = [];
  const waiters = new Set<{ predicate: (s: Element) => boolean; resolve: (s: Element) => void }>();
  const approveFrom = Array.isArray(options.autoApproveFrom)
    ? options.autoApproveFrom.map((j) => j.toLowerCase())
    : options.autoApproveFrom;

  xmpp.on("error", (error) => errors.push(error)); // without a listener, an 'error' event throws
  xmpp.on("stanza", (stanza) => {
    stanzas.push(stanza);
    if (stanza.is("message")) messages.push(stanza);
    if (approveFrom && stanza.is("presence") && stanza.attrs.type === "subscribe") {
      const from = bare(stanza.attrs.from ?? "").toLowerCase();
      if (approveFrom === "any" || approveFrom.includes(from)) {
        xmpp.send(xml("presence", { to: from, type: "subscribed" })).catch((e: XMPPError) => errors.push(e));
      }
    }
    for (const waiter of waiters) {
      if (waiter.predicate(stanza)) {
        waiters.delete(waiter);
        waiter.resolve(stanza);
      }
    }
  });
  // Roster pushes (RFC 6121 §2.1.6) must be acknowledged, as a real client does.
  xmpp.iqCallee.set("jabber:iq:roster", "query", () => true);

  try {
    await xmpp.start();
  } catch (error) {
    await xmpp.stop().catch(() => {});
    throw new Error(`${username}@${options.domain} could not log in to ${options.service}: ${(error as Error).message}`);
  }
  const jid = String(xmpp.jid);

  return {
    jid,
    bareJid: bare(jid),
    xmpp,
    stanzas,
    messages,
    errors,
    async sendPresence(p = {}) {
      await xmpp.send(
        xml(
          "presence",
          { to: p.to, type: p.type },
          ...[
            p.show ? xml("show", {}, p.show) : null,
            p.status !== undefined ? xml("status", {}, p.status) : null,
            p.priority !== undefined ? xml("priority", {}, String(p.priority)) : null,
            ...(p.extra ?? []),
          ].filter((child) => child !== null),
        ),
      );
    },
    async sendMessage(to, body) {
      await xmpp.send(xml("message", { to, type: "chat" }, xml("body", {}, body)));
    },
    async sendRaw(element) {
      await xmpp.send(element);
    },
    waitFor(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (stanza: Element) => {
            clearTimeout(timer);
            resolve(stanza);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const recent = stanzas.slice(-5).map(String).join("\n  ");
          reject(new Error(`${jid}: no matching stanza within ${timeoutMs} ms; last received:\n  ${recent || "(none)"}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async stop() {
      xmpp.reconnect.stop();
      if (xmpp.status === "offline") return;
      await xmpp.stop().catch(() => {});
    },
  };
}

function bare(address: string): string {
  const slash = address.indexOf("/");
  return slash === -1 ? address : address.slice(0, slash);
}
