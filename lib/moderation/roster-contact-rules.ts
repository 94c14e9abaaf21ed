// The pure rules of a moderator's roster contact: the name and groups typed in the console (groups
// comma-separated, trimmed, deduplicated, limited), what a contact's queued roster commands mean for
// it, and the refusals in words. The writes live in manage-roster-contacts.ts.
import { z } from "zod";
import type { SubscriptionState } from "@/lib/roster/roster-item";

export const CONTACT_NAME_MAX = 100;
export const CONTACT_GROUP_MAX = 64;
export const CONTACT_GROUPS_MAX = 10;

// XML 1.0 cannot carry control characters, and a roster name or group is shown in people's clients.
const CONTROL = /\p{Cc}/u;

export const CONTACT_MESSAGES = {
  nameTooLong: `A name is at most ${CONTACT_NAME_MAX} characters.`,
  nameControl: "A name may not contain control characters.",
  groupTooLong: `Each group name is at most ${CONTACT_GROUP_MAX} characters.`,
  groupControl: "Group names may not contain control characters.",
  tooManyGroups: `A contact can be in at most ${CONTACT_GROUPS_MAX} groups.`,
  unchanged: "That is already the contact's name and groups, so nothing was changed.",
} as const;

/** Optional name: blank means none. */
export const contactNameSchema = z
  .string()
  .trim()
  .max(CONTACT_NAME_MAX, CONTACT_MESSAGES.nameTooLong)
  .refine((name) => !CONTROL.test(name), CONTACT_MESSAGES.nameControl)
  .transform((name) => (name ? name.normalize("NFC") : null));

/** "Choir, wardens,, choir " → ["Choir", "wardens"]: trimmed, empty ones dropped, the first spelling of a repeat kept. */
export function splitGroups(typed: string): string[] {
  const seen = new Set<string>();
  const groups: string[] = [];
  for (const part of typed.split(",")) {
    const group = part.trim().normalize("NFC");
    const key = group.toLocaleLowerCase("en");
    if (!group || seen.has(key)) continue;
    seen.add(key);
    groups.push(group);
  }
  return groups;
}

export const contactGroupsSchema = z
  .string()
  .transform(splitGroups)
  .pipe(
    z
      .array(z.string().max(CONTACT_GROUP_MAX, CONTACT_MESSAGES.groupTooLong).refine((group) => !CONTROL.test(group), CONTACT_MESSAGES.groupControl))
      .max(CONTACT_GROUPS_MAX, CONTACT_MESSAGES.tooManyGroups),
  );

/** What the queue will do to a JID's place on the roster: the latest add or remove not yet carried out. */
export type QueuedRosterChange = "add" | "remove" | null;

export type ContactStanding = { onMirror: boolean; queued: QueuedRosterChange };

/** Why a contact cannot be added, or null when it can (a removal still queued may be followed by a new add). */
export function addRefusal(jid: string, standing: ContactStanding): string | null {
  if (standing.queued === "add") return `${jid} is already being added to the roster, so nothing was changed.`;
  if (standing.queued === null && standing.onMirror) return `${jid} is already on the roster, so nothing was changed.`;
  return null;
}

/** Why an existing contact cannot be changed (edited, removed, asked again), or null when it can. */
export function staleContactRefusal(jid: string, standing: ContactStanding): string | null {
  if (standing.queued === "remove") return `${jid} is already being removed from the roster, so nothing was changed.`;
  if (standing.queued === "add") return `${jid} is still being added to the roster; try again once it shows there. Nothing was changed.`;
  if (!standing.onMirror) return `${jid} is no longer on the roster, so nothing was changed. Reload the page to see the roster as it is now.`;
  return null;
}

/** A new subscription request makes sense only while the bot does not receive the contact's presence. */
export function subscriptionRequestRefusal(jid: string, subscription: SubscriptionState): string | null {
  if (subscription === "to" || subscription === "both") {
    return `The bot already receives ${jid}'s presence (subscription "${subscription}"), so there is nothing to ask.`;
  }
  return null;
}

/** Same name and the same groups (a roster item's groups are a set: order does not count, RFC 6121 §2.1.2.4). */
export function sameContactDetails(a: { name: string | null; groups: readonly string[] }, b: { name: string | null; groups: readonly string[] }): boolean {
  const sorted = (groups: readonly string[]) => [...groups].sort().join("\n");
  return a.name === b.name && sorted(a.groups) === sorted(b.groups);
}

/** What a moderator is told before removing a linked member's Jabber ID, and what happens to the link. */
export function linkedRemovalWarning(jid: string, member: { displayName: string; verified: boolean }): string {
  return member.verified
    ? `${jid} is ${member.displayName}'s verified Jabber ID. Removing it also unlinks it from their profile; their presence stops showing.`
    : `${member.displayName} is linking ${jid} (not yet confirmed). Removing it also cancels that link on their profile.`;
}
