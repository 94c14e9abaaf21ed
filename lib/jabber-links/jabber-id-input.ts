// A Jabber ID as a member typed it, read once at the boundary: normalised to the bare JID (RFC 7622,
// resource stripped) or refused with a sentence naming the problem.
import { parseAccountJid } from "@/lib/jid";
import type { Result } from "@/lib/members/create-member";

const MAX_INPUT = 3071; // three 1023-byte parts and two separators (RFC 7622 §3.1)

export function readJabberId(input: unknown): Result<string> {
  if (typeof input !== "string" || !input.trim()) return { ok: false, error: "Enter a Jabber ID, such as alice@example.org." };
  if (input.length > MAX_INPUT) return { ok: false, error: "That Jabber ID is too long." };
  const parsed = parseAccountJid(input);
  if (!parsed.ok) {
    const shown = input.trim().length > 80 ? `${input.trim().slice(0, 77)}...` : input.trim();
    return { ok: false, error: `"${shown}" is not a valid Jabber ID: ${parsed.error}.` };
  }
  return { ok: true, value: parsed.bare };
}
