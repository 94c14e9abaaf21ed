// One-time codes that prove a member owns a Jabber ID: made by the worker, sent by chat, stored only
// as a hash bound to the JID, and checked in one place for the web form and the bot alike.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** How long a code may be used after it was sent. */
export const CODE_TTL_MS = 30 * 60 * 1000;
/** Wrong entries allowed per code; after that a new code is needed. */
export const MAX_CODE_ATTEMPTS = 5;

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from a phone is unambiguous.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 8; // 8 × 5 bits = 40 bits
const LOOKALIKES: Record<string, string> = { O: "0", I: "1", L: "1" };

/** A fresh random code, shown as "K7QF-92XM". */
export function generateLinkCode(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let index = CODE_LENGTH - 1; index >= 0; index--) code += ALPHABET[Number((bits >> BigInt(index * 5)) & 31n)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The canonical 8 characters of what a person typed (any case, spaces, dashes, O for 0), or null. */
export function normaliseCodeInput(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s\-‐-―−]+/g, "")
    .replace(/[OIL]/g, (char) => LOOKALIKES[char] ?? char);
  if (compact.length !== CODE_LENGTH) return null;
  return [...compact].every((char) => ALPHABET.includes(char)) ? compact : null;
}

/**
 * HMAC-SHA-256 (hex) of the code bound to the JID, keyed with the secret board and worker share: a
 * copy of the database alone cannot be searched for a live 40-bit code, and a hash is worthless for
 * any other JID.
 */
export function hashLinkCode(key: string, jid: string, code: string): string {
  const canonical = normaliseCodeInput(code) ?? code;
  return createHmac("sha256", key).update(`narthex-link-code\n${jid}\n${canonical}`).digest("hex");
}

export type PendingCode = { jid: string; codeHash: string | null; codeExpiresAt: Date | null; codeAttempts: number };

export type CodeVerdict =
  | { kind: "ok" }
  | { kind: "none" }
  | { kind: "expired" }
  | { kind: "too-many-attempts" }
  | { kind: "wrong"; attemptsLeft: number };

/** Decides whether `input` is the pending code of the link. A wrong guess costs one attempt. */
export function checkLinkCode(pending: PendingCode, input: string, now: Date, key: string): CodeVerdict {
  if (!pending.codeHash || !pending.codeExpiresAt) return { kind: "none" };
  if (pending.codeAttempts >= MAX_CODE_ATTEMPTS) return { kind: "too-many-attempts" };
  if (now.getTime() >= pending.codeExpiresAt.getTime()) return { kind: "expired" };
  const code = normaliseCodeInput(input);
  const matches = code !== null && sameHex(hashLinkCode(key, pending.jid, code), pending.codeHash);
  if (matches) return { kind: "ok" };
  return { kind: "wrong", attemptsLeft: Math.max(0, MAX_CODE_ATTEMPTS - pending.codeAttempts - 1) };
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A code inside a chat message: either the whole message is a code ("k7qf 92xm"), or it contains one
 * written as shown ("my code is K7QF-92XM"). Ordinary eight-letter words ("whatever") are not codes:
 * a bare message needs a digit or a separator to count.
 */
export function findCodeInText(text: string): string | null {
  const trimmed = text.trim();
  const whole = normaliseCodeInput(trimmed);
  if (whole && /[0-9\s\-‐-―−]/.test(trimmed)) return whole;
  const match = /(?<![0-9A-Z])([0-9A-Z]{4})[-‐-―−]([0-9A-Z]{4})(?![0-9A-Z])/i.exec(text);
  return match ? normaliseCodeInput(`${match[1]}${match[2]}`) : null;
}
