// Codes a member may ask for (issue 7, rate limits on code requests), against a real SQLite
// database: starting a link and asking for new codes share five a quarter of an hour per member;
// the sixth is refused with how long to wait and writes nothing, and another member is not affected.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer } from "@/lib/auth/viewer";
import { requestNewLinkCode } from "@/lib/jabber-links/request-new-code";
import { startJabberLink } from "@/lib/jabber-links/start-link";
import { createMember } from "@/lib/members/create-member";
import { createTempDatabase, type TempDatabase } from "@/scripts/lib/temp-database";

let temp: TempDatabase;
beforeAll(async () => {
  temp = await createTempDatabase("narthex-link-codes");
});
afterAll(async () => {
  await temp?.dispose();
});

async function member(handle: string) {
  const created = await createMember(temp.db, { handle, displayName: handle });
  if (!created.ok) throw new Error(created.error);
  return loadViewer(temp.db, created.value.id);
}

describe("link code requests", () => {
  it("allows five a quarter of an hour per member, then asks them to wait and writes nothing", async () => {
    const { db } = temp;
    const ruth = await member("ruth");
    expect(await startJabberLink(db, ruth, { jid: "ruth@example.org" })).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i += 1) expect(await requestNewLinkCode(db, ruth, { jid: "ruth@example.org" })).toMatchObject({ ok: true });
    const commands = await db.command.count();

    const refused = await requestNewLinkCode(db, ruth, { jid: "ruth@example.org" });
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/^Too many attempts\. Please wait 1[45] minutes and try again\.$/) });
    expect(await startJabberLink(db, ruth, { jid: "ruth.other@example.org" })).toMatchObject({ ok: false, error: expect.stringMatching(/^Too many attempts/) });
    expect(await db.command.count()).toBe(commands);
    expect(await db.jabberLink.findUnique({ where: { jid: "ruth.other@example.org" } })).toBeNull();

    const naomi = await member("naomi");
    expect(await startJabberLink(db, naomi, { jid: "naomi@example.org" })).toMatchObject({ ok: true });
  });
});
