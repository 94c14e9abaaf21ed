// Blocking (XEP-0191) at the worker's XMPP edge. After each login the worker asks its server whether
// it offers blocking (§2, disco#info) and records the answer; when it does, the blocklist is fetched
// and mirrored (§3.2) and kept true by the server's pushes (§3.3, §3.4), which are believed only from
// the bot's own account. Moderators' blocks arrive as commands (block.add / block.remove); both are
// idempotent (blocking a blocked JID, or unblocking one not blocked, is a no-op on the server).
import { xml, type Client } from "@xmpp/client";
import { blocklistItems, NS_BLOCKING, offersBlocking, parseBlocklistPush, type BlocklistPush } from "@/lib/blocklist/blocklist-stanzas";
import type { Db } from "@/lib/db/client";
import { parseJid } from "@/lib/jid";
import type { Logger } from "@/lib/logger";
import { PermanentCommandError } from "@/worker/command-queue";

const IQ_TIMEOUT_MS = 15_000;
export const UNSUPPORTED = "the XMPP server does not support blocking (XEP-0191)";

export type Blocklist = {
  /** Answers blocklist pushes on this session (call from the session's setup, before it is online). */
  handlePushes(xmpp: Client): void;
  /** Asks the server whether it offers blocking, records the answer, and mirrors the blocklist. */
  sync(xmpp: Client): Promise<void>;
  block(xmpp: Client, jid: string): Promise<void>;
  unblock(xmpp: Client, jid: string): Promise<void>;
};

export function createBlocklist(context: { db: Db; logger: Logger; botBare: string; domain: string; onChange?: () => void }): Blocklist {
  const { db, logger, botBare, domain } = context;
  let supported: boolean | null = null;
  // Mirror writes happen in the order the stanzas arrived, so a push never overtakes the fetched list.
  let writes: Promise<void> = Promise.resolve();
  const write = (work: () => Promise<unknown>): Promise<void> => {
    writes = writes.then(work).then(
      () => context.onChange?.(),
      (error: unknown) => logger.error({ err: error }, "blocklist mirror update failed"),
    );
    return writes;
  };

  const applyPush = (push: BlocklistPush) =>
    write(() => {
      if (push.kind === "unblock-all") return db.blockedJid.deleteMany({});
      if (push.kind === "unblock") return db.blockedJid.deleteMany({ where: { jid: { in: push.jids } } });
      return recordBlocked(db, push.jids);
    });

  return {
    handlePushes(xmpp) {
      for (const name of ["block", "unblock"]) {
        xmpp.iqCallee.set(NS_BLOCKING, name, (iq) => {
          const payload = iq.stanza.getChild(name, NS_BLOCKING);
          const push = payload ? parseBlocklistPush(iq.stanza.attrs.from as string | undefined, botBare, payload) : null;
          if (!push) {
            logger.warn({ from: iq.stanza.attrs.from }, "ignored a blocklist push that was not from the bot's own account");
            return undefined; // answered with service-unavailable
          }
          void applyPush(push);
          return true; // acknowledged with an empty result, like a roster push
        });
      }
    },

    async sync(xmpp) {
      let info;
      try {
        info = await xmpp.iqCaller.request(xml("iq", { type: "get", to: domain }, xml("query", { xmlns: "http://jabber.org/protocol/disco#info" })), IQ_TIMEOUT_MS);
      } catch (error) {
        // A server that answers disco#info with an error offers nothing we can rely on.
        if ((error as Error).name !== "StanzaError") throw error;
      }
      supported = offersBlocking(info?.getChild("query"));
      await db.workerState.updateMany({ where: { id: 1 }, data: { blockingSupported: supported } });
      if (!supported) {
        logger.info("the XMPP server does not support blocking (XEP-0191); the console offers no blocks");
        await write(() => db.blockedJid.deleteMany({}));
        return;
      }
      const list = await xmpp.iqCaller.get(xml("blocklist", { xmlns: NS_BLOCKING }), undefined, IQ_TIMEOUT_MS);
      const jids = list ? blocklistItems(list) : [];
      await write(() => db.$transaction([db.blockedJid.deleteMany({ where: { jid: { notIn: jids } } }), ...blockRows(db, jids)]));
    },

    async block(xmpp, jid) {
      if (supported === false) throw new PermanentCommandError(UNSUPPORTED);
      await xmpp.iqCaller.set(xml("block", { xmlns: NS_BLOCKING }, xml("item", { jid })), undefined, IQ_TIMEOUT_MS);
      await write(() => recordBlocked(db, [jid]));
    },

    async unblock(xmpp, jid) {
      if (supported === false) throw new PermanentCommandError(UNSUPPORTED);
      await xmpp.iqCaller.set(xml("unblock", { xmlns: NS_BLOCKING }, xml("item", { jid })), undefined, IQ_TIMEOUT_MS);
      await write(() => db.blockedJid.deleteMany({ where: { jid } }));
    },
  };
}

const blockRows = (db: Db, jids: string[]) => jids.map((jid) => db.blockedJid.upsert({ where: { jid }, create: { jid }, update: {} }));

/**
 * A blocked JID's pending request leaves the moderators' list with it: its server no longer delivers
 * anything from it (Prosody also drops the request it held, mod_blocklist), so it cannot be answered.
 */
function recordBlocked(db: Db, jids: string[]) {
  return db.$transaction([
    ...blockRows(db, jids),
    db.subscriptionRequest.deleteMany({ where: { jid: { in: jids } } }),
    db.rosterItem.updateMany({ where: { jid: { in: jids } }, data: { pendingIn: false } }),
  ]);
}

/** Whether the mirror blocks this bare JID, or its whole domain (§3.1 lets a domain be blocked). */
export async function isBlocked(db: Db, jid: string): Promise<boolean> {
  const parsed = parseJid(jid);
  if (!parsed.ok) return false;
  return (await db.blockedJid.count({ where: { jid: { in: [parsed.bare, parsed.jid.domain] } } })) > 0;
}
