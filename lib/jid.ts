// Jabber ID rules (RFC 7622): parse, validate and normalise so that one address has one spelling.
// Approximates the PRECIS profiles with Unicode normalisation: localpart UsernameCaseMapped
// (width mapping via NFKC, lower case, NFC), domainpart lower case + IDNA check, resourcepart
// OpaqueString (NFC, no controls).
import { domainToASCII } from "node:url";

export type Jid = { local: string | null; domain: string; resource: string | null };
export type JidResult = { ok: true; jid: Jid; bare: string } | { ok: false; error: string };

const MAX_PART_BYTES = 1023; // RFC 7622 §3.2-3.4
const LOCAL_FORBIDDEN = /["&'/:<>@\s]/u; // RFC 7622 §3.3.1 plus spaces (disallowed by the PRECIS class)
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

export function parseJid(input: string): JidResult {
  const text = input.trim();
  if (!text) return fail("enter a Jabber ID such as alice@example.org");
  const slash = text.indexOf("/");
  const beforeResource = slash === -1 ? text : text.slice(0, slash);
  const rawResource = slash === -1 ? null : text.slice(slash + 1);
  const at = beforeResource.indexOf("@");
  const rawLocal = at === -1 ? null : beforeResource.slice(0, at);
  const rawDomain = at === -1 ? beforeResource : beforeResource.slice(at + 1);

  let local: string | null = null;
  if (rawLocal !== null) {
    local = rawLocal.normalize("NFKC").toLowerCase().normalize("NFC");
    if (!local) return fail("the part before @ is empty");
    if (LOCAL_FORBIDDEN.test(local)) return fail("the part before @ may not contain spaces or any of \" & ' / : < > @");
    if (CONTROL.test(local)) return fail("the part before @ contains control or unassigned characters");
    if (bytes(local) > MAX_PART_BYTES) return fail("the part before @ is too long");
  }

  const domainResult = normaliseDomain(rawDomain);
  if (!domainResult.ok) return domainResult;
  const domain = domainResult.domain;

  let resource: string | null = null;
  if (rawResource !== null) {
    resource = rawResource.normalize("NFC");
    if (!resource) return fail("the resource after / is empty");
    if (CONTROL.test(resource)) return fail("the resource contains control or unassigned characters");
    if (bytes(resource) > MAX_PART_BYTES) return fail("the resource is too long");
  }

  const jid: Jid = { local, domain, resource };
  return { ok: true, jid, bare: bareJid(jid) };
}

function normaliseDomain(raw: string): { ok: true; domain: string } | { ok: false; error: string } {
  let domain = raw.normalize("NFKC").toLowerCase().normalize("NFC");
  if (domain.endsWith(".")) domain = domain.slice(0, -1); // RFC 7622 §3.2: a trailing dot is stripped
  if (!domain) return fail("the server name is missing");
  if (domain.includes("@")) return fail("a Jabber ID has only one @");
  if (bytes(domain) > MAX_PART_BYTES) return fail("the server name is too long");
  if (domain.startsWith("[") && domain.endsWith("]")) {
    return /^\[[0-9a-f:.]+\]$/.test(domain) ? { ok: true, domain } : fail("the server name is not a valid IPv6 address");
  }
  if (IPV4.test(domain)) {
    return domain.split(".").every((octet) => Number(octet) <= 255) ? { ok: true, domain } : fail("the server name is not a valid IPv4 address");
  }
  const ascii = domainToASCII(domain);
  if (!ascii || !ascii.split(".").every((label) => LABEL.test(label))) {
    return fail("the server name is not a valid domain name");
  }
  return { ok: true, domain };
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

export function bareJid(jid: Jid): string {
  return jid.local ? `${jid.local}@${jid.domain}` : jid.domain;
}

export function fullJid(jid: Jid): string {
  return jid.resource ? `${bareJid(jid)}/${jid.resource}` : bareJid(jid);
}

/** Normalised bare JID of an address that must name an account (localpart@domain). */
export function parseAccountJid(input: string): { ok: true; bare: string } | { ok: false; error: string } {
  const parsed = parseJid(input);
  if (!parsed.ok) return parsed;
  if (!parsed.jid.local) return fail("a Jabber ID needs a name before the @, such as alice@example.org");
  return { ok: true, bare: parsed.bare };
}

// RFC 5122 §2.2: characters that may stand unescaped in an XMPP IRI/URI node or resource.
const URI_SAFE = /[A-Za-z0-9\-._~!$()*+,;=]/;
function encodeUriPart(part: string): string {
  return Array.from(part)
    .map((char) => (URI_SAFE.test(char) ? char : encodeURIComponent(char)))
    .join("");
}

/** `xmpp:` URI that opens the viewer's own client on a chat with `bare` (RFC 5122, XEP-0147 ?message). */
export function chatUri(bare: string): string {
  const at = bare.indexOf("@");
  const node = at === -1 ? "" : `${encodeUriPart(bare.slice(0, at))}@`;
  const domain = at === -1 ? bare : bare.slice(at + 1);
  return `xmpp:${node}${encodeUriPart(domain)}?message`;
}
