// A moderator's changes to the bot's roster contacts, against a real database: each refusal (visitor,
// member, malformed JID or fields, duplicate, stale form, a linked member's JID not yet confirmed) is
// said in words and writes nothing; each success writes its command and audit row together.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { parseCommand } from "@/lib/commands";
import { createMember } from "@/lib/members/create-member";
import { addRosterContact, editRosterContact, removeRosterContact, requestContactSubscription } from "@/lib/moderation/manage-roster-contacts";
import { CONTACT_MESSAGES } from "@/lib/moderation/roster-contact-rules";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let moderator: Viewer;
let moderatorId: string;
let member: Viewer;
let noraId: string;

beforeAll(async () => {
  temp = await createTempDatabase("roster-contacts");
  const mod = await createMember(temp.db, { handle: "miriam", displayName: "Miriam", role: "moderator" });
  const sam = await createMember(temp.db, { handle: "sam", displayName: "Sam" });
  const nora = await createMember(temp.db, { handle: "nora", displayName: "Nora Newcomer" });
  if (!mod.ok || !sam.ok || !nora.ok) throw new Error("members");
  moderatorId = mod.value.id;
  noraId = nora.value.id;
  moderator = await loadViewer(temp.db, moderatorId);
  member = await loadViewer(temp.db, sam.value.id);
});

afterAll(async () => {
  await temp?.dispose();
});

beforeEach(async () => {
  // Each test starts from the same roster mirror as the worker would have left it, and no commands.
  await temp.db.command.deleteMany();
  await temp.db.auditEntry.deleteMany();
  await temp.db.jabberLink.deleteMany();
  await temp.db.rosterItem.deleteMany();
  await temp.db.presence.deleteMany();
  await temp.db.subscriptionRequest.deleteMany();
  await temp.db.rosterItem.createMany({
    data: [
      { jid: "olaf@example.org", name: "Olaf", groups: JSON.stringify(["Choir"]), subscription: "both" },
      { jid: "pia@example.org", name: null, groups: "[]", subscription: "from", pendingOut: true },
      { jid: "nora@example.org", name: "Nora", groups: "[]", subscription: "both" },
    ],
  });
  await temp.db.jabberLink.create({ data: { memberId: noraId, jid: "nora@example.org", verifiedAt: new Date() } });
  await temp.db.presence.create({ data: { bareJid: "nora@example.org", state: "away", since: new Date() } });
});

/** Everything a refusal must leave alone. */
const written = async () => ({
  commands: await temp.db.command.findMany({ orderBy: { id: "asc" } }),
  audit: await temp.db.auditEntry.count(),
  roster: await temp.db.rosterItem.findMany({ orderBy: { jid: "asc" } }),
  links: await temp.db.jabberLink.findMany({ orderBy: { jid: "asc" } }),
  requests: await temp.db.subscriptionRequest.findMany(),
});

async function commandOf(id: number) {
  const command = await temp.db.command.findUniqueOrThrow({ where: { id } });
  expect(command.requestedById).toBe(moderatorId);
  return parseCommand(command.kind, command.payload);
}

async function lastAudit() {
  const entry = await temp.db.auditEntry.findFirstOrThrow({ orderBy: { id: "desc" } });
  return { ...entry, before: entry.before && JSON.parse(entry.before), after: entry.after && JSON.parse(entry.after) };
}

describe("refusals write nothing", () => {
  it("refuses visitors and plain members every action, in words", async () => {
    const before = await written();
    const jid = "quinn@example.org";
    for (const [viewer, start] of [
      [VISITOR, "Please sign in to"],
      [member, "Only moderators can"],
    ] as const) {
      expect(await addRosterContact(temp.db, viewer, { jid, name: "", groups: "" })).toEqual({ ok: false, error: `${start} add contacts to the bot's roster.`, fieldErrors: {} });
      expect(await editRosterContact(temp.db, viewer, { jid: "olaf@example.org", name: "O", groups: "" })).toMatchObject({ ok: false, error: `${start} change contacts on the bot's roster.` });
      expect(await removeRosterContact(temp.db, viewer, { jid: "olaf@example.org" })).toEqual({ ok: false, error: `${start} remove contacts from the bot's roster.` });
      expect(await requestContactSubscription(temp.db, viewer, { jid: "pia@example.org" })).toEqual({ ok: false, error: `${start} ask contacts for their presence.` });
    }
    expect(await written()).toEqual(before);
  });

  it("refuses a malformed JID and overlong fields, each beside its field", async () => {
    const before = await written();
    const bad = await addRosterContact(temp.db, moderator, { jid: "not a jid", name: "n".repeat(101), groups: "ok, " + "g".repeat(65) });
    expect(bad).toEqual({
      ok: false,
      error: expect.stringMatching(/^"not a jid" is not a valid Jabber ID: /),
      fieldErrors: { jid: expect.stringMatching(/^"not a jid" is not a valid Jabber ID: /), name: CONTACT_MESSAGES.nameTooLong, groups: CONTACT_MESSAGES.groupTooLong },
    });
    expect(await addRosterContact(temp.db, moderator, { jid: "example.org", name: "", groups: "" })).toMatchObject({ ok: false, fieldErrors: { jid: expect.stringMatching(/needs a name before the @/) } });
    expect(await addRosterContact(temp.db, moderator, { jid: "", name: "", groups: "" })).toMatchObject({ ok: false, fieldErrors: { jid: "Enter a Jabber ID, such as alice@example.org." } });
    expect(await editRosterContact(temp.db, moderator, { jid: "olaf@example.org", name: "", groups: "a,b,c,d,e,f,g,h,i,j,k" })).toMatchObject({ ok: false, fieldErrors: { groups: CONTACT_MESSAGES.tooManyGroups } });
    expect(await removeRosterContact(temp.db, moderator, { jid: "@" })).toMatchObject({ ok: false });
    expect(await requestContactSubscription(temp.db, moderator, { jid: "a b@c" })).toMatchObject({ ok: false });
    expect(await written()).toEqual(before);
  });

  it("refuses to add a JID already on the roster (in any spelling) or already being added", async () => {
    const before = await written();
    expect(await addRosterContact(temp.db, moderator, { jid: "OLAF@Example.org/phone", name: "", groups: "" })).toEqual({
      ok: false,
      error: "olaf@example.org is already on the roster, so nothing was changed.",
      fieldErrors: {},
    });
    expect(await written()).toEqual(before);
    const first = await addRosterContact(temp.db, moderator, { jid: "quinn@example.org", name: "", groups: "" });
    expect(first.ok).toBe(true);
    const afterFirst = await written();
    expect(await addRosterContact(temp.db, moderator, { jid: "Quinn@example.org", name: "Q", groups: "" })).toMatchObject({
      ok: false,
      error: "quinn@example.org is already being added to the roster, so nothing was changed.",
    });
    expect(await written()).toEqual(afterFirst);
  });

  it("refuses to add, or ask again, a JID the bot has blocked (or whose server it has blocked)", async () => {
    await temp.db.blockedJid.createMany({ data: [{ jid: "spam.example" }, { jid: "pia@example.org" }] });
    try {
      const before = await written();
      expect(await addRosterContact(temp.db, moderator, { jid: "bot@spam.example", name: "", groups: "" })).toEqual({
        ok: false,
        error: "The bot has blocked bot@spam.example's server spam.example, so it cannot ask for their presence. Unblock it first; nothing was changed.",
        fieldErrors: {},
      });
      expect(await requestContactSubscription(temp.db, moderator, { jid: "pia@example.org" })).toEqual({
        ok: false,
        error: "The bot has blocked pia@example.org, so it cannot ask for their presence. Unblock it first; nothing was changed.",
      });
      expect(await written()).toEqual(before);
    } finally {
      await temp.db.blockedJid.deleteMany();
    }
  });

  it("refuses stale forms: a contact no longer on the roster, or already being removed", async () => {
    await temp.db.rosterItem.delete({ where: { jid: "pia@example.org" } });
    const before = await written();
    const gone = "pia@example.org is no longer on the roster, so nothing was changed. Reload the page to see the roster as it is now.";
    expect(await editRosterContact(temp.db, moderator, { jid: "pia@example.org", name: "Pia", groups: "" })).toEqual({ ok: false, error: gone, fieldErrors: {} });
    expect(await removeRosterContact(temp.db, moderator, { jid: "pia@example.org" })).toEqual({ ok: false, error: gone });
    expect(await requestContactSubscription(temp.db, moderator, { jid: "pia@example.org" })).toEqual({ ok: false, error: gone });
    expect(await written()).toEqual(before);

    expect((await removeRosterContact(temp.db, moderator, { jid: "olaf@example.org" })).ok).toBe(true);
    const removing = await written();
    const beingRemoved = "olaf@example.org is already being removed from the roster, so nothing was changed.";
    expect(await removeRosterContact(temp.db, moderator, { jid: "olaf@example.org" })).toEqual({ ok: false, error: beingRemoved });
    expect(await editRosterContact(temp.db, moderator, { jid: "olaf@example.org", name: "Olaf", groups: "Bells" })).toMatchObject({ ok: false, error: beingRemoved });
    expect(await written()).toEqual(removing);
  });

  it("refuses an edit that changes nothing, and asking again for presence the bot already receives", async () => {
    const before = await written();
    expect(await editRosterContact(temp.db, moderator, { jid: "olaf@example.org", name: " Olaf ", groups: "Choir, choir" })).toEqual({ ok: false, error: CONTACT_MESSAGES.unchanged, fieldErrors: {} });
    expect(await requestContactSubscription(temp.db, moderator, { jid: "olaf@example.org" })).toEqual({
      ok: false,
      error: `The bot already receives olaf@example.org's presence (subscription "both"), so there is nothing to ask.`,
    });
    expect(await written()).toEqual(before);
  });
});

describe("successes write the command and the audit row together", () => {
  it("adds a contact: roster set with name and groups, a subscription request and pre-approval queued, audited", async () => {
    await temp.db.subscriptionRequest.create({ data: { jid: "quinn@example.org" } });
    const added = await addRosterContact(temp.db, moderator, { jid: " Quinn@Example.ORG ", name: " Quinn ", groups: "Choir, wardens, choir," });
    expect(added).toMatchObject({ ok: true, value: { jid: "quinn@example.org", name: "Quinn", groups: ["Choir", "wardens"] } });
    if (!added.ok) return;
    expect(await commandOf(added.value.commandId)).toEqual({
      ok: true,
      command: { kind: "roster.add", payload: { jid: "quinn@example.org", name: "Quinn", groups: ["Choir", "wardens"], preApprove: true } },
    });
    // Quinn had asked to see the bot's presence: adding them answers that, so it leaves the list.
    expect(await temp.db.subscriptionRequest.count()).toBe(0);
    expect(await lastAudit()).toMatchObject({
      actorId: moderatorId,
      action: "roster.add-contact",
      targetType: "jid",
      targetId: "quinn@example.org",
      before: null,
      after: { name: "Quinn", groups: ["Choir", "wardens"], subscriptionRequested: true, preApproved: true, requestApproved: true },
    });
  });

  it("adds again a contact whose removal is still queued", async () => {
    expect((await removeRosterContact(temp.db, moderator, { jid: "olaf@example.org" })).ok).toBe(true);
    const added = await addRosterContact(temp.db, moderator, { jid: "olaf@example.org", name: "", groups: "" });
    expect(added).toMatchObject({ ok: true, value: { name: null, groups: [] } });
  });

  it("renames and regroups a contact: a roster update with before and after in the audit", async () => {
    const edited = await editRosterContact(temp.db, moderator, { jid: "olaf@example.org", name: "Olaf the Bellringer", groups: "Bells, Choir" });
    expect(edited.ok).toBe(true);
    if (!edited.ok) return;
    expect(await commandOf(edited.value.commandId)).toEqual({
      ok: true,
      command: { kind: "roster.update", payload: { jid: "olaf@example.org", name: "Olaf the Bellringer", groups: ["Bells", "Choir"] } },
    });
    const entry = await lastAudit();
    expect(entry).toMatchObject({ action: "roster.edit-contact", targetId: "olaf@example.org" });
    expect(entry.before).toEqual({ name: "Olaf", groups: ["Choir"], subscription: "both", pendingOut: false, pendingIn: false });
    expect(entry.after).toEqual({ name: "Olaf the Bellringer", groups: ["Bells", "Choir"], subscription: "both", pendingOut: false, pendingIn: false });
    // The mirror stays as the server holds it until the worker's roster push arrives.
    expect((await temp.db.rosterItem.findUniqueOrThrow({ where: { jid: "olaf@example.org" } })).name).toBe("Olaf");
  });

  it("removes a contact no member linked at once", async () => {
    const removed = await removeRosterContact(temp.db, moderator, { jid: "olaf@example.org" });
    expect(removed).toMatchObject({ ok: true, value: { removed: true, jid: "olaf@example.org", unlinked: null } });
    if (!removed.ok || !removed.value.removed) return;
    expect(await commandOf(removed.value.commandId)).toEqual({ ok: true, command: { kind: "roster.remove", payload: { jid: "olaf@example.org" } } });
    expect(await lastAudit()).toMatchObject({ action: "roster.remove-contact", before: { name: "Olaf", subscription: "both", link: null }, after: { removed: true, unlinked: null } });
  });

  it("asks before removing a linked member's JID, and only the confirmed submit removes it and unlinks it", async () => {
    const before = await written();
    const asked = await removeRosterContact(temp.db, moderator, { jid: "nora@example.org" });
    expect(asked).toEqual({
      ok: true,
      value: {
        removed: false,
        confirm: {
          message: "nora@example.org is Nora Newcomer's verified Jabber ID. Removing it also unlinks it from their profile; their presence stops showing.",
          memberId: noraId,
        },
      },
    });
    // A confirmation naming someone else (the link changed hands since the page asked) asks again.
    expect(await removeRosterContact(temp.db, moderator, { jid: "nora@example.org", confirmMemberId: "someone-else" })).toMatchObject({ ok: true, value: { removed: false } });
    expect(await written()).toEqual(before);

    const removed = await removeRosterContact(temp.db, moderator, { jid: "nora@example.org", confirmMemberId: noraId });
    expect(removed).toMatchObject({ ok: true, value: { removed: true, unlinked: { displayName: "Nora Newcomer", handle: "nora" } } });
    // Unlinked as the member's own unlink does: link and stored presence gone, removal and resync queued.
    expect(await temp.db.jabberLink.count({ where: { jid: "nora@example.org" } })).toBe(0);
    expect(await temp.db.presence.count({ where: { bareJid: "nora@example.org" } })).toBe(0);
    const queued = (await written()).commands.map((command) => [command.kind, command.requestedById]);
    expect(queued).toEqual([
      ["roster.remove", moderatorId],
      ["presence.resync", moderatorId],
    ]);
    expect(await lastAudit()).toMatchObject({
      action: "roster.remove-contact",
      targetId: "nora@example.org",
      before: { name: "Nora", subscription: "both", link: { member: "nora", verified: true } },
      after: { removed: true, unlinked: "nora" },
    });
  });

  it("warns in other words about a link still being confirmed", async () => {
    await temp.db.jabberLink.update({ where: { jid: "nora@example.org" }, data: { verifiedAt: null } });
    expect(await removeRosterContact(temp.db, moderator, { jid: "nora@example.org" })).toMatchObject({
      ok: true,
      value: { removed: false, confirm: { message: "Nora Newcomer is linking nora@example.org (not yet confirmed). Removing it also cancels that link on their profile." } },
    });
  });

  it("asks a contact again for its presence while the bot does not receive it", async () => {
    const asked = await requestContactSubscription(temp.db, moderator, { jid: "pia@example.org" });
    expect(asked).toMatchObject({ ok: true, value: { jid: "pia@example.org" } });
    if (!asked.ok) return;
    expect(await commandOf(asked.value.commandId)).toEqual({ ok: true, command: { kind: "subscription.request", payload: { jid: "pia@example.org" } } });
    expect(await lastAudit()).toMatchObject({
      action: "roster.request-subscription",
      before: { subscription: "from", pendingOut: true },
      after: { subscription: "from", subscriptionRequested: true },
    });
  });

  it("refuses a moderator demoted since the page was loaded, writing nothing", async () => {
    await temp.db.member.update({ where: { id: moderatorId }, data: { role: "member" } });
    try {
      const before = await written();
      expect(await addRosterContact(temp.db, moderator, { jid: "rhea@example.org", name: "", groups: "" })).toMatchObject({ ok: false, error: "Only moderators can add contacts to the bot's roster." });
      expect(await removeRosterContact(temp.db, moderator, { jid: "olaf@example.org" })).toMatchObject({ ok: false });
      expect(await written()).toEqual(before);
    } finally {
      await temp.db.member.update({ where: { id: moderatorId }, data: { role: "moderator" } });
    }
  });
});
