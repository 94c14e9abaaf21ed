// A roster contact's standing in words for the console: the subscription (RFC 6121 §2.1.2.5: whose
// presence flows which way), the requests waiting in either direction, and the state of the member's
// link to it. A suspended member's link reads "suspended" whatever else is true.
import type { RosterRow } from "@/lib/moderation/load-roster-view";

const SUBSCRIPTION_WORDS: Record<RosterRow["subscription"], string> = {
  none: "none: no presence either way",
  to: "to: we see theirs",
  from: "from: they see ours",
  both: "both: each sees the other",
};

export function subscriptionInWords(subscription: RosterRow["subscription"]): string {
  return SUBSCRIPTION_WORDS[subscription];
}

/** The requests waiting on this contact, or "—" when none. */
export function pendingInWords(row: Pick<RosterRow, "pendingOut" | "pendingIn">): string {
  const waiting = [row.pendingOut ? "our request is waiting" : null, row.pendingIn ? "their request is waiting" : null].filter(Boolean);
  return waiting.join("; ") || "—";
}

export function memberLinkInWords(member: NonNullable<RosterRow["member"]>): string {
  if (member.suspended) return "suspended";
  return member.verified ? "linked" : "confirming the link";
}
