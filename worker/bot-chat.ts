// The bot answers chat (capability 9): help, who is online (honouring visibility), the sender's own
// link status, and a one-time code sent back by the JID being linked. Error bounces of the bot's
// own messages are handed to the link failure handling; other bots are kept from looping with us
// by a per-sender reply limit.
import { xml, type Client } from "@xmpp/client";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { codeReply, helpReply, readChatIntent, statusReply, unknownReply, whoReply } from "@/lib/bot/answer-chat";
import type { Db } from "@/lib/db/client";
import { isActiveMemberJid } from "@/lib/jabber-links/active-member-jid";
import { confirmLinkCode } from "@/lib/jabber-links/confirm-link";
import { stanzaErrorCondition } from "@/lib/jabber-links/failure-reason";
import { describeLinkState } from "@/lib/jabber-links/link-state";
import { parseJid } from "@/lib/jid";
import type { Logger } from "@/lib/logger";
import { loadMemberViews } from "@/lib/presence/load-member-views";
import type { XmlElementLike } from "@/lib/presence/parse-presence-stanza";
import { isOnlineState } from "@/lib/presence/states";
import type { Audience } from "@/lib/presence/visibility";
import { recordDeliveryFailure } from "@/worker/jabber-links";

const MAX_BODY = 4_000;
/** Replies per sender per minute: plenty for a person, a brake for a bot talking to us. */
const REPLIES_PER_MINUTE = 10;

export type BotChatOptions = {
  db: Db;
  logger: Logger;
  botBare: string;
  botDomain: string;
  profileUrl: string;
  /** The shared secret that keys link-code hashes. */
  codeKey: string;
  /** Whether stored presence is live (the worker's session has settled). */
  isLive: () => boolean;
};

type MessageElement = XmlElementLike & { getChildText(name: string): string | null };

export function createBotChat(options: BotChatOptions): (xmpp: Client, stanza: MessageElement) => Promise<void> {
  const { db, logger, botBare } = options;
  const limiter = new RateLimiterMemory({ keyPrefix: "bot-replies", points: REPLIES_PER_MINUTE, duration: 60 });
  // Another bot answering our "didn't understand" with its own would otherwise talk with us forever.
  const puzzled = new RateLimiterMemory({ keyPrefix: "bot-puzzled", points: 1, duration: 10 * 60 });

  async function reply(xmpp: Client, to: string, text: string): Promise<void> {
    await xmpp.send(xml("message", { to, type: "chat" }, xml("body", {}, text)));
  }

  async function withinLimit(sender: string): Promise<boolean> {
    try {
      await limiter.consume(sender);
      return true;
    } catch {
      logger.debug({ from: sender }, "reply limit reached; message left unanswered");
      return false;
    }
  }

  /** Members-only presence is for the JIDs of members. */
  async function audienceOf(sender: string): Promise<Audience> {
    return (await isActiveMemberJid(db, sender)) ? "members" : "public";
  }

  async function onlineNames(sender: string): Promise<string[] | null> {
    if (!options.isLive()) return null;
    const views = await loadMemberViews(db, true, { audience: await audienceOf(sender) });
    const online = views.filter((view) => isOnlineState(view.state)).map((view) => view.memberId);
    if (!options.isLive()) return null;
    const members = await db.member.findMany({ where: { id: { in: online } }, select: { displayName: true } });
    return members.map((member) => member.displayName);
  }

  async function linkWords(sender: string): Promise<string | null> {
    const link = await db.jabberLink.findUnique({ where: { jid: sender } });
    if (!link) return null;
    const item = await db.rosterItem.findUnique({ where: { jid: sender }, select: { subscription: true } });
    return describeLinkState(link, item, new Date()).words;
  }

  return async (xmpp, stanza) => {
    const parsed = parseJid(stanza.attrs.from ?? "");
    if (!parsed.ok) return;
    const sender = parsed.bare;
    if (sender === botBare || !parsed.jid.local) return; // our own resources; servers and components
    const type = stanza.attrs.type ?? "normal";
    if (type === "error") {
      await recordDeliveryFailure({ db, logger, botDomain: options.botDomain }, { jid: sender, condition: stanzaErrorCondition(stanza) });
      return;
    }
    if (type !== "chat" && type !== "normal") return; // groupchat, headline: not for us (RFC 6121 §5.2.2)
    const body = stanza.getChildText("body");
    if (!body?.trim() || body.length > MAX_BODY) return; // chat states, receipts, floods
    if (!(await withinLimit(sender))) return;

    const intent = readChatIntent(body);
    switch (intent.kind) {
      case "help":
        return reply(xmpp, sender, helpReply(options.profileUrl));
      case "who":
        return reply(xmpp, sender, whoReply(await onlineNames(sender)));
      case "status":
        return reply(xmpp, sender, statusReply(sender, await linkWords(sender), options.profileUrl));
      case "code": {
        const outcome = await confirmLinkCode(db, { jid: sender, code: intent.code, codeKey: options.codeKey });
        if (outcome.ok) logger.info({ jid: sender }, "Jabber ID confirmed by chat");
        return reply(xmpp, sender, codeReply(outcome));
      }
      case "unknown":
        if (!(await puzzled.consume(sender).then(() => true, () => false))) return;
        return reply(xmpp, sender, unknownReply());
    }
  };
}
