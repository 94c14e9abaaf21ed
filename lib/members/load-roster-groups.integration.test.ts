// Roster groups per member come from the roster items of their verified Jabber IDs only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMember } from "@/lib/members/create-member";
import { loadRosterGroups } from "@/lib/members/load-roster-groups";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
const ids: Record<string, string> = {};

beforeAll(async () => {
  temp = await createTempDatabase("roster-groups");
  for (const handle of ["ada", "ben", "cy"]) {
    const member = await createMember(temp.db, { handle, displayName: handle });
    if (!member.ok) throw new Error(member.error);
    ids[handle] = member.value.id;
  }
  const verifiedAt = new Date();
  await temp.db.jabberLink.createMany({
    data: [
      { memberId: ids.ada ?? "", jid: "ada@example.org", verifiedAt },
      { memberId: ids.ada ?? "", jid: "ada@work.example", verifiedAt },
      { memberId: ids.ben ?? "", jid: "ben@example.org" }, // not verified: proves nothing
      { memberId: ids.cy ?? "", jid: "cy@example.org", verifiedAt },
    ],
  });
  await temp.db.rosterItem.createMany({
    data: [
      { jid: "ada@example.org", groups: JSON.stringify(["Choir", "Elders"]) },
      { jid: "ada@work.example", groups: JSON.stringify(["Choir", "Youth"]) },
      { jid: "ben@example.org", groups: JSON.stringify(["Choir"]) },
      { jid: "cy@example.org", groups: "not json" },
    ],
  });
});

afterAll(async () => {
  await temp?.dispose();
});

describe("loadRosterGroups", () => {
  it("joins the groups of every verified JID, ignores unverified links and unreadable groups", async () => {
    const groups = await loadRosterGroups(temp.db, Object.values(ids));
    expect(groups.get(ids.ada ?? "")).toEqual(["Choir", "Elders", "Youth"]);
    expect(groups.has(ids.ben ?? "")).toBe(false);
    expect(groups.get(ids.cy ?? "")).toEqual([]);
  });

  it("reads only the members asked for", async () => {
    expect([...(await loadRosterGroups(temp.db, [ids.cy ?? ""])).keys()]).toEqual([ids.cy]);
    expect((await loadRosterGroups(temp.db, [])).size).toBe(0);
  });
});
