// What happens to a subscription request (RFC 6121 §3.1.3) from a JID that is not a verified
// member's: kept for moderators (the default), approved at once, or denied at once. One Setting row;
// the worker reads it when each request arrives, so a change applies to the next request.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export const REQUEST_POLICY_KEY = "subscription-requests.policy";
export const REQUEST_POLICIES = ["queue", "approve-all", "deny-all"] as const;
export type RequestPolicy = (typeof REQUEST_POLICIES)[number];
export const DEFAULT_REQUEST_POLICY: RequestPolicy = "queue";

export const REQUEST_POLICY_WORDS: Record<RequestPolicy, { label: string; explains: string }> = {
  queue: { label: "Keep them for a moderator", explains: "Requests wait in the list below until a moderator approves or denies them." },
  "approve-all": { label: "Approve everyone", explains: "Anyone who asks may see the bot's presence at once; nobody is asked." },
  "deny-all": { label: "Deny everyone", explains: "Every request from a Jabber ID no member has linked is turned down at once and not kept." },
};

/** A stored value read as a policy; a missing or unknown value is the default, so a typo never approves anyone. */
export function parseRequestPolicy(stored: string | null | undefined): RequestPolicy {
  return (REQUEST_POLICIES as readonly string[]).includes(stored ?? "") ? (stored as RequestPolicy) : DEFAULT_REQUEST_POLICY;
}

export async function readRequestPolicy(db: Db | Prisma.TransactionClient): Promise<RequestPolicy> {
  const row = await db.setting.findUnique({ where: { key: REQUEST_POLICY_KEY }, select: { value: true } });
  return parseRequestPolicy(row?.value);
}
