// A member's own Jabber IDs as the profile shows them: each link's state in words and what the
// member can do next. Only ever called for the signed-in member's own id.
import type { Db } from "@/lib/db/client";
import { describeLinkState, type LinkState } from "@/lib/jabber-links/link-state";

export type MemberLinkView = {
  jid: string;
  state: LinkState;
  words: string;
  canEnterCode: boolean;
  canRequestCode: boolean;
};

export async function listMemberLinks(db: Db, memberId: string, now: Date = new Date()): Promise<MemberLinkView[]> {
  const links = await db.jabberLink.findMany({ where: { memberId }, orderBy: [{ createdAt: "asc" }, { jid: "asc" }] });
  const items = await db.rosterItem.findMany({ where: { jid: { in: links.map((link) => link.jid) } }, select: { jid: true, subscription: true } });
  const byJid = new Map(items.map((item) => [item.jid, item]));
  return links.map((link) => {
    const { state, words } = describeLinkState(link, byJid.get(link.jid) ?? null, now);
    return {
      jid: link.jid,
      state,
      words,
      // Also while the code is on its way: the page is rendered before the worker has sent it.
      canEnterCode: state === "waiting-for-code" || state === "sending-code",
      canRequestCode: !link.verifiedAt,
    };
  });
}
