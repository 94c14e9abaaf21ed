import { describe, expect, it } from "vitest";
import {
  addRefusal,
  CONTACT_GROUPS_MAX,
  CONTACT_MESSAGES,
  contactGroupsSchema,
  contactNameSchema,
  linkedRemovalWarning,
  sameContactDetails,
  splitGroups,
  staleContactRefusal,
  subscriptionRequestRefusal,
} from "@/lib/moderation/roster-contact-rules";

describe("contact name and groups as typed in the console", () => {
  it("reads groups comma-separated: trimmed, empty ones dropped, a repeat (in any case) kept once", () => {
    expect(splitGroups(" Choir, wardens,, choir ,Wardens , ")).toEqual(["Choir", "wardens"]);
    expect(splitGroups("")).toEqual([]);
    expect(splitGroups(" , ,")).toEqual([]);
  });

  it("limits the number and length of groups, and refuses control characters", () => {
    const many = Array.from({ length: CONTACT_GROUPS_MAX + 1 }, (_, index) => `g${index}`).join(",");
    expect(contactGroupsSchema.safeParse(many).error?.issues[0]?.message).toBe(CONTACT_MESSAGES.tooManyGroups);
    expect(contactGroupsSchema.safeParse("x".repeat(65)).error?.issues[0]?.message).toBe(CONTACT_MESSAGES.groupTooLong);
    expect(contactGroupsSchema.safeParse("ok, bad\u0007").error?.issues[0]?.message).toBe(CONTACT_MESSAGES.groupControl);
    expect(contactGroupsSchema.parse("x".repeat(64))).toEqual(["x".repeat(64)]);
  });

  it("takes a blank name as no name and refuses a long one or control characters", () => {
    expect(contactNameSchema.parse("   ")).toBeNull();
    expect(contactNameSchema.parse("  Nora  ")).toBe("Nora");
    expect(contactNameSchema.safeParse("n".repeat(101)).error?.issues[0]?.message).toBe(CONTACT_MESSAGES.nameTooLong);
    expect(contactNameSchema.safeParse("No\nra").error?.issues[0]?.message).toBe(CONTACT_MESSAGES.nameControl);
  });

  it("compares groups as a set", () => {
    expect(sameContactDetails({ name: "N", groups: ["a", "b"] }, { name: "N", groups: ["b", "a"] })).toBe(true);
    expect(sameContactDetails({ name: "N", groups: ["a"] }, { name: null, groups: ["a"] })).toBe(false);
    expect(sameContactDetails({ name: "N", groups: ["a"] }, { name: "N", groups: ["a", "b"] })).toBe(false);
  });
});

describe("what the queue and the mirror say about a contact", () => {
  const jid = "nora@example.org";
  it("refuses to add what is on the roster or already being added; a removal still queued may be followed by an add", () => {
    expect(addRefusal(jid, { onMirror: false, queued: null })).toBeNull();
    expect(addRefusal(jid, { onMirror: true, queued: null })).toBe(`${jid} is already on the roster, so nothing was changed.`);
    expect(addRefusal(jid, { onMirror: false, queued: "add" })).toBe(`${jid} is already being added to the roster, so nothing was changed.`);
    expect(addRefusal(jid, { onMirror: true, queued: "remove" })).toBeNull();
  });

  it("refuses to change a contact that is gone, being removed or still being added", () => {
    expect(staleContactRefusal(jid, { onMirror: true, queued: null })).toBeNull();
    expect(staleContactRefusal(jid, { onMirror: false, queued: null })).toMatch(/is no longer on the roster, so nothing was changed/);
    expect(staleContactRefusal(jid, { onMirror: true, queued: "remove" })).toMatch(/is already being removed/);
    expect(staleContactRefusal(jid, { onMirror: false, queued: "add" })).toMatch(/is still being added/);
  });

  it("asks for presence again only while the bot does not receive it", () => {
    expect(subscriptionRequestRefusal(jid, "none")).toBeNull();
    expect(subscriptionRequestRefusal(jid, "from")).toBeNull();
    expect(subscriptionRequestRefusal(jid, "to")).toMatch(/already receives/);
    expect(subscriptionRequestRefusal(jid, "both")).toMatch(/already receives .* \(subscription "both"\)/);
  });

  it("warns about the member's link before removal, verified or not", () => {
    expect(linkedRemovalWarning(jid, { displayName: "Nora", verified: true })).toBe(
      `${jid} is Nora's verified Jabber ID. Removing it also unlinks it from their profile; their presence stops showing.`,
    );
    expect(linkedRemovalWarning(jid, { displayName: "Nora", verified: false })).toMatch(/^Nora is linking .* Removing it also cancels that link/);
  });
});
