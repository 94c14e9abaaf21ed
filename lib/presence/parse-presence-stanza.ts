// Turns a <presence/> stanza into a typed event (RFC 6121 §4, XEP-0319 idle, XEP-0203 delay).
// Pure: takes anything shaped like an ltx element, so the worker and unit tests share it.
import { parseJid } from "@/lib/jid";
import type { OnlineState } from "@/lib/presence/states";

export interface XmlElementLike {
  name: string;
  attrs: Record<string, string | undefined>;
  getChild(name: string, xmlns?: string): XmlElementLike | undefined;
  getChildText(name: string, xmlns?: string): string | null;
}

export const MAX_STATUS_LENGTH = 500;
const SHOW_VALUES = ["chat", "away", "xa", "dnd"] as const satisfies readonly OnlineState[];
const NS_IDLE = "urn:xmpp:idle:1";
const NS_DELAY = "urn:xmpp:delay";

type From = { bare: string; resource: string | null };

export type PresenceStanza =
  | ({ type: "available"; show: OnlineState; priority: number; status: string | null; idleSince: Date | null; delay: Date | null } & From)
  | ({ type: "unavailable"; status: string | null; delay: Date | null } & From)
  | ({ type: "error"; condition: string } & From)
  | ({ type: "subscribe" | "subscribed" | "unsubscribe" | "unsubscribed" } & From)
  | { type: "ignored"; reason: string };

export function parsePresenceStanza(stanza: XmlElementLike): PresenceStanza {
  if (stanza.name !== "presence") return ignored("not a presence stanza");
  const fromAttr = stanza.attrs.from;
  if (!fromAttr) return ignored("presence without a from address");
  const parsed = parseJid(fromAttr);
  if (!parsed.ok) return ignored(`malformed from address: ${parsed.error}`);
  const from: From = { bare: parsed.bare, resource: parsed.jid.resource };
  const type = stanza.attrs.type;

  switch (type) {
    case undefined:
    case "":
      return {
        type: "available",
        ...from,
        show: parseShow(stanza.getChildText("show")),
        priority: parsePriority(stanza.getChildText("priority")),
        status: sanitizeStatusText(stanza.getChildText("status")),
        idleSince: parseTime(stanza.getChild("idle", NS_IDLE)?.attrs.since),
        delay: parseTime(stanza.getChild("delay", NS_DELAY)?.attrs.stamp),
      };
    case "unavailable":
      return {
        type: "unavailable",
        ...from,
        status: sanitizeStatusText(stanza.getChildText("status")),
        delay: parseTime(stanza.getChild("delay", NS_DELAY)?.attrs.stamp),
      };
    case "error":
      return { type: "error", ...from, condition: errorCondition(stanza) };
    case "subscribe":
    case "subscribed":
    case "unsubscribe":
    case "unsubscribed":
      return { type, ...from };
    case "probe":
      return ignored("probes are answered by the server");
    default:
      return ignored(`unknown presence type "${type.slice(0, 40)}"`);
  }
}

function ignored(reason: string): PresenceStanza {
  return { type: "ignored", reason };
}

/** RFC 6121 §4.7.2.1: no <show/> means available; an unknown value is treated the same. */
function parseShow(text: string | null): OnlineState {
  const value = text?.trim();
  return SHOW_VALUES.find((show) => show === value) ?? "available";
}

/** RFC 6121 §4.7.2.3: an integer from -128 to +127; missing or invalid means 0. */
function parsePriority(text: string | null): number {
  const value = text?.trim();
  if (!value || !/^[+-]?\d{1,4}$/.test(value)) return 0;
  const priority = Number(value);
  return priority >= -128 && priority <= 127 ? priority : 0;
}

/** Drops control characters (keeping newlines and tabs as spaces), trims, and caps the length. */
export function sanitizeStatusText(text: string | null | undefined): string | null {
  if (text == null) return null;
  const cleaned = text.replace(/[\t\n\r]+/g, " ").replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g, "").trim();
  if (!cleaned) return null;
  const chars = Array.from(cleaned);
  return chars.length > MAX_STATUS_LENGTH ? `${chars.slice(0, MAX_STATUS_LENGTH - 1).join("")}…` : cleaned;
}

/** XEP-0082 date-time, accepted only when it parses to a real instant. */
function parseTime(value: string | undefined): Date | null {
  if (!value || value.length > 40 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time;
}

const NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
function errorCondition(stanza: XmlElementLike): string {
  const error = stanza.getChild("error") as (XmlElementLike & { children?: unknown[] }) | undefined;
  const children = (error?.children ?? []) as Array<{ name?: string; attrs?: Record<string, string | undefined> }>;
  const condition = children.find((child) => child.attrs?.xmlns === NS_STANZAS && child.name !== "text");
  return condition?.name?.slice(0, 60) ?? "undefined-condition";
}
