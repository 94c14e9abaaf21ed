// Moderators manage the bot's roster contacts from the console: add one (with a subscription request
// and pre-approval of theirs), change its name and groups, remove it, or ask again for its presence.
// Each change is one transaction: the actor's role read again, the roster command queued, the audit
// row (the roster row before, what was asked after). Refusals (a malformed JID, a duplicate, a stale
// form) are said in words and write nothing. Removing a linked member's Jabber ID needs a second,
// confirmed submit and unlinks it the way the member's own unlink does (unlinkInTransaction).
import { z } from "zod";
import { authorize, type Action } from "@/lib/auth/authorize";
import { loadViewer, type MemberViewer, type Viewer } from "@/lib/auth/viewer";
import { enqueueCommand, parseCommand } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fieldErrorsOf, formRefusal, type FormResult } from "@/lib/forms/field-errors";
import { readJabberId } from "@/lib/jabber-links/jabber-id-input";
import { unlinkInTransaction } from "@/lib/jabber-links/remove-link";
import type { Result } from "@/lib/members/create-member";
import {
  addRefusal,
  CONTACT_MESSAGES,
  contactGroupsSchema,
  contactNameSchema,
  linkedRemovalWarning,
  sameContactDetails,
  staleContactRefusal,
  subscriptionRequestRefusal,
  type ContactStanding,
  type QueuedRosterChange,
} from "@/lib/moderation/roster-contact-rules";
import { parseStoredGroups, type SubscriptionState } from "@/lib/roster/roster-item";

type Tx = Prisma.TransactionClient;
export type ContactField = "jid" | "name" | "groups";
const CONTACT_FIELDS: readonly ContactField[] = ["jid", "name", "groups"];

const detailsSchema = z.object({ name: contactNameSchema, groups: contactGroupsSchema });

/** The roster row as the audit log records it. */
type RosterSnapshot = { name: string | null; groups: string[]; subscription: SubscriptionState; pendingOut: boolean; pendingIn: boolean };

async function rosterSnapshot(tx: Tx, jid: string): Promise<RosterSnapshot | null> {
  const item = await tx.rosterItem.findUnique({ where: { jid } });
  if (!item) return null;
  return { name: item.name, groups: parseStoredGroups(item.groups), subscription: item.subscription, pendingOut: item.pendingOut, pendingIn: item.pendingIn };
}

/**
 * The latest roster.add or roster.remove for `jid` the worker has not finished. Commands not yet done
 * are few (the worker runs them within a second while live), so they are read and parsed here.
 */
async function queuedRosterChange(tx: Tx, jid: string): Promise<QueuedRosterChange> {
  const queued = await tx.command.findMany({
    where: { status: { in: ["pending", "running"] }, kind: { in: ["roster.add", "roster.remove"] } },
    orderBy: { id: "desc" },
    select: { kind: true, payload: true },
  });
  for (const row of queued) {
    const parsed = parseCommand(row.kind, row.payload);
    if (!parsed.ok) continue;
    const { command } = parsed;
    if (command.kind === "roster.add" && command.payload.jid === jid) return "add";
    if (command.kind === "roster.remove" && command.payload.jid === jid) return "remove";
  }
  return null;
}

/**
 * A JID the bot has blocked, or whose server it has blocked (XEP-0191 §3.1), cannot be sent a
 * subscription request: the bot's server refuses to route it (§3.3).
 */
async function blockedRefusal(tx: Tx, jid: string): Promise<string | null> {
  const domain = jid.slice(jid.indexOf("@") + 1);
  const blocked = await tx.blockedJid.findFirst({ where: { jid: { in: [jid, domain] } }, select: { jid: true } });
  if (!blocked) return null;
  const what = blocked.jid === jid ? jid : `${jid}'s server ${domain}`;
  return `The bot has blocked ${what}, so it cannot ask for their presence. Unblock it first; nothing was changed.`;
}

async function standingOf(tx: Tx, jid: string, row: RosterSnapshot | null): Promise<ContactStanding> {
  return { onMirror: row !== null, queued: await queuedRosterChange(tx, jid) };
}

/** Runs `change` in one transaction after reading the actor's role again (a demotion mid-request applies). */
async function asModerator<T>(db: Db, actor: MemberViewer, action: Action, change: (tx: Tx) => Promise<Result<T>>): Promise<Result<T>> {
  return db.$transaction(async (tx) => {
    const stillAllowed = authorize(await loadViewer(tx, actor.id), action);
    if (!stillAllowed.ok) return stillAllowed;
    return change(tx);
  });
}

async function audit(tx: Tx, actor: MemberViewer, action: Action, jid: string, before: object | null, after: object | null): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: actor.id,
      action,
      targetType: "jid",
      targetId: jid,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
    },
  });
}

/** A Form refusal from a Result refusal that concerns the whole form. */
const asForm = <T>(result: Result<T>): FormResult<T, ContactField> => (result.ok ? result : formRefusal(result.error));

export type ContactChange = { jid: string; name: string | null; groups: string[]; commandId: number };

/**
 * Adds a contact: the worker sets the roster item, sends a subscription request (RFC 6121 §2.3,
 * §3.1.1) and pre-approves theirs (§3.4): a moderator chose them, so they may see the bot's presence.
 */
export async function addRosterContact(db: Db, viewer: Viewer, input: { jid: unknown; name: unknown; groups: unknown }): Promise<FormResult<ContactChange, ContactField>> {
  const allowed = authorize(viewer, "roster.add-contact");
  if (!allowed.ok) return formRefusal(allowed.error);
  const jid = readJabberId(input.jid);
  const details = detailsSchema.safeParse({ name: input.name ?? "", groups: input.groups ?? "" });
  if (!jid.ok || !details.success) {
    const fieldErrors = { ...(jid.ok ? {} : { jid: jid.error }), ...(details.success ? {} : fieldErrorsOf(details.error, CONTACT_FIELDS)) };
    return formRefusal(Object.values(fieldErrors)[0] ?? "Please correct the form.", fieldErrors);
  }
  const actor = allowed.value;
  const { name, groups } = details.data;
  return asForm(
    await asModerator(db, actor, "roster.add-contact", async (tx) => {
      const before = await rosterSnapshot(tx, jid.value);
      const refusal = addRefusal(jid.value, await standingOf(tx, jid.value, before)) ?? (await blockedRefusal(tx, jid.value));
      if (refusal) return { ok: false, error: refusal };
      // Their own request, if one was waiting for a moderator, is answered by the pre-approval.
      const answered = await tx.subscriptionRequest.deleteMany({ where: { jid: jid.value } });
      const command = await enqueueCommand(tx, "roster.add", { jid: jid.value, name, groups, preApprove: true }, actor.id);
      await audit(tx, actor, "roster.add-contact", jid.value, before, { name, groups, subscriptionRequested: true, preApproved: true, requestApproved: answered.count > 0 });
      return { ok: true, value: { jid: jid.value, name, groups, commandId: command.id } };
    }),
  );
}

/** Renames and regroups a contact: a roster set with the new name and groups (RFC 6121 §2.4). */
export async function editRosterContact(db: Db, viewer: Viewer, input: { jid: unknown; name: unknown; groups: unknown }): Promise<FormResult<ContactChange, ContactField>> {
  const allowed = authorize(viewer, "roster.edit-contact");
  if (!allowed.ok) return formRefusal(allowed.error);
  const jid = readJabberId(input.jid);
  if (!jid.ok) return formRefusal(jid.error);
  const details = detailsSchema.safeParse({ name: input.name ?? "", groups: input.groups ?? "" });
  if (!details.success) {
    const fieldErrors = fieldErrorsOf(details.error, CONTACT_FIELDS);
    return formRefusal(Object.values(fieldErrors)[0] ?? "Please correct the form.", fieldErrors);
  }
  const actor = allowed.value;
  const { name, groups } = details.data;
  return asForm(
    await asModerator(db, actor, "roster.edit-contact", async (tx) => {
      const before = await rosterSnapshot(tx, jid.value);
      const refusal = staleContactRefusal(jid.value, await standingOf(tx, jid.value, before));
      if (refusal || !before) return { ok: false, error: refusal ?? "" };
      if (sameContactDetails(before, { name, groups })) return { ok: false, error: CONTACT_MESSAGES.unchanged };
      const command = await enqueueCommand(tx, "roster.update", { jid: jid.value, name, groups }, actor.id);
      await audit(tx, actor, "roster.edit-contact", jid.value, before, { ...before, name, groups });
      return { ok: true, value: { jid: jid.value, name, groups, commandId: command.id } };
    }),
  );
}

export type ContactRemoval =
  | { removed: false; confirm: { message: string; memberId: string } }
  | { removed: true; jid: string; unlinked: { displayName: string; handle: string } | null; commandId: number };

/**
 * Removes a contact (which cancels both subscriptions, RFC 6121 §2.5). A linked member's Jabber ID is
 * only removed on a submit that confirms the warning about that member (`confirmMemberId`); the link
 * goes with it, as when the member unlinks it, so their profile and presence never point at a JID
 * the bot no longer watches.
 */
export async function removeRosterContact(db: Db, viewer: Viewer, input: { jid: unknown; confirmMemberId?: unknown }): Promise<Result<ContactRemoval>> {
  const allowed = authorize(viewer, "roster.remove-contact");
  if (!allowed.ok) return allowed;
  const jid = readJabberId(input.jid);
  if (!jid.ok) return jid;
  const actor = allowed.value;
  return asModerator<ContactRemoval>(db, actor, "roster.remove-contact", async (tx) => {
    const before = await rosterSnapshot(tx, jid.value);
    const refusal = staleContactRefusal(jid.value, await standingOf(tx, jid.value, before));
    if (refusal) return { ok: false, error: refusal };
    const link = await tx.jabberLink.findUnique({
      where: { jid: jid.value },
      select: { id: true, verifiedAt: true, member: { select: { id: true, handle: true, displayName: true } } },
    });
    // The confirmation names one member: if the link changed hands since, ask again about the new one.
    if (link && input.confirmMemberId !== link.member.id) {
      const message = linkedRemovalWarning(jid.value, { displayName: link.member.displayName, verified: link.verifiedAt !== null });
      return { ok: true, value: { removed: false, confirm: { message, memberId: link.member.id } } };
    }
    const command = link
      ? await unlinkInTransaction(tx, { linkId: link.id, jid: jid.value, requestedById: actor.id })
      : await enqueueCommand(tx, "roster.remove", { jid: jid.value }, actor.id);
    const linked = link ? { member: link.member.handle, verified: link.verifiedAt !== null } : null;
    await audit(tx, actor, "roster.remove-contact", jid.value, { ...before, link: linked }, { removed: true, unlinked: link ? link.member.handle : null });
    return {
      ok: true,
      value: { removed: true, jid: jid.value, unlinked: link ? { displayName: link.member.displayName, handle: link.member.handle } : null, commandId: command.id },
    };
  });
}

/** Asks a contact again for its presence (RFC 6121 §3.1.1), while the bot does not receive it. */
export async function requestContactSubscription(db: Db, viewer: Viewer, input: { jid: unknown }): Promise<Result<{ jid: string; commandId: number }>> {
  const allowed = authorize(viewer, "roster.request-subscription");
  if (!allowed.ok) return allowed;
  const jid = readJabberId(input.jid);
  if (!jid.ok) return jid;
  const actor = allowed.value;
  return asModerator(db, actor, "roster.request-subscription", async (tx) => {
    const before = await rosterSnapshot(tx, jid.value);
    const refusal =
      staleContactRefusal(jid.value, await standingOf(tx, jid.value, before)) ??
      (before && subscriptionRequestRefusal(jid.value, before.subscription)) ??
      (await blockedRefusal(tx, jid.value));
    if (refusal || !before) return { ok: false, error: refusal ?? "" };
    const command = await enqueueCommand(tx, "subscription.request", { jid: jid.value }, actor.id);
    await audit(tx, actor, "roster.request-subscription", jid.value, before, { ...before, subscriptionRequested: true });
    return { ok: true, value: { jid: jid.value, commandId: command.id } };
  });
}
