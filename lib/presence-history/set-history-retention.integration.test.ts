// An administrator changes how long presence history is kept: the setting and its audit row are
// written together; visitors, members and moderators, malformed or out-of-range numbers and the
// number already in force are refused in words with nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, VISITOR, type Viewer } from "@/lib/auth/viewer";
import { createMember } from "@/lib/members/create-member";
import { readRetentionDays } from "@/lib/presence-history/history-retention";
import { setHistoryRetention } from "@/lib/presence-history/set-history-retention";
import { addModeratorAndMember } from "@/scripts/lib/console-viewers";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
let admin: Viewer;
let moderator: Viewer;
let member: Viewer;

beforeAll(async () => {
  temp = await createTempDatabase("set-history-retention");
  ({ moderator, member } = await addModeratorAndMember(temp.db));
  const created = await createMember(temp.db, { handle: "ada", displayName: "Ada", role: "admin" });
  if (!created.ok) throw new Error(created.error);
  admin = await loadViewer(temp.db, created.value.id);
});

afterAll(async () => {
  await temp?.dispose();
});

const everything = async () => ({ settings: await temp.db.setting.findMany(), audit: await temp.db.auditEntry.findMany() });
const BAD_DAYS = "Enter a whole number of days from 7 (a week) to 3650 (ten years).";

describe("setHistoryRetention", () => {
  it.each<[string, () => Viewer, unknown, string]>([
    ["a visitor", () => VISITOR, { days: "30" }, "Please sign in to change how long presence history is kept."],
    ["a member", () => member, { days: "30" }, "Only administrators can change how long presence history is kept."],
    ["a moderator", () => moderator, { days: "30" }, "Only administrators can change how long presence history is kept."],
    ["too few days", () => admin, { days: "6" }, BAD_DAYS],
    ["too many days", () => admin, { days: "3651" }, BAD_DAYS],
    ["a fraction", () => admin, { days: "30.5" }, BAD_DAYS],
    ["words", () => admin, { days: "ninety" }, BAD_DAYS],
    ["nothing", () => admin, {}, BAD_DAYS],
    ["the default already in force", () => admin, { days: "90" }, "History is already kept for 90 days, so nothing was changed."],
  ])("refuses %s and writes nothing", async (_what, who, input, error) => {
    const before = await everything();
    expect(await setHistoryRetention(temp.db, who(), input)).toEqual({ ok: false, error });
    expect(await everything()).toEqual(before);
  });

  it("keeps the new number of days, audited in the same change", async () => {
    expect(await readRetentionDays(temp.db)).toBe(90);
    expect(await setHistoryRetention(temp.db, admin, { days: " 365 " })).toEqual({ ok: true, value: { days: 365, previous: 90 } });
    expect(await readRetentionDays(temp.db)).toBe(365);
    expect(await temp.db.auditEntry.findMany({ select: { actorId: true, action: true, targetType: true, targetId: true, before: true, after: true } })).toEqual([
      { actorId: admin.kind === "member" ? admin.id : null, action: "history.set-retention", targetType: "setting", targetId: "presence-history.retention-days", before: '{"days":90}', after: '{"days":365}' },
    ]);
    expect(await setHistoryRetention(temp.db, admin, { days: "365" })).toEqual({ ok: false, error: "History is already kept for 365 days, so nothing was changed." });
  });
});
