// The durable command queue from the web app and the CLI to the worker. A command is stored before
// the worker sees it; the worker carries commands out in id order and marks each done or failed.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

const bareJid = z.string().min(3).max(3071);

export const commandSchemas = {
  /**
   * Put a JID on the bot's roster (name, groups) and ask for its presence (RFC 6121 §2.3, §3.1).
   * `preApprove`: a contact a moderator chose may also see the bot's presence (pre-approval, §3.4).
   */
  "roster.add": z.object({
    jid: bareJid,
    name: z.string().max(200).nullable().default(null),
    groups: z.array(z.string().min(1).max(200)).max(50).default([]),
    preApprove: z.boolean().default(false),
  }),
  /** Take a JID off the bot's roster, which also cancels both subscriptions (RFC 6121 §2.5). */
  "roster.remove": z.object({ jid: bareJid }),
  /** Make a fresh one-time code for an unverified link, store its hash and send it to the JID by chat. */
  "jabber-link.send-code": z.object({ jid: bareJid }),
  /** A link was just verified: approve the JID's pending subscription request, ask for its presence. */
  "jabber-link.confirmed": z.object({ jid: bareJid }),
  /** Who may see whose presence changed (visibility, link verified or removed): resend every feed. */
  "presence.resync": z.object({}),
  /** A moderator approved a stranger's subscription request: they may see the bot's presence (RFC 6121 §3.1.4). */
  "subscription.approve": z.object({ jid: bareJid }),
  /** A moderator denied a stranger's subscription request (RFC 6121 §3.1.5 "unsubscribed"). */
  "subscription.deny": z.object({ jid: bareJid }),
  /** A moderator blocked a JID or a domain: the bot's server drops or bounces all it sends (XEP-0191 §3.3). */
  "block.add": z.object({ jid: bareJid }),
  /** A moderator unblocked a JID or a domain (XEP-0191 §3.4). */
  "block.remove": z.object({ jid: bareJid }),
  /** A moderator renamed or regrouped a contact: a roster set of its name and groups (RFC 6121 §2.4). */
  "roster.update": z.object({ jid: bareJid, name: z.string().max(200).nullable(), groups: z.array(z.string().min(1).max(200)).max(50) }),
  /** A moderator asked a contact again for its presence (RFC 6121 §3.1.1 <presence type="subscribe"/>). */
  "subscription.request": z.object({ jid: bareJid }),
} as const;

export type CommandKind = keyof typeof commandSchemas;
export type CommandPayload<K extends CommandKind> = z.infer<(typeof commandSchemas)[K]>;
export type Command = { [K in CommandKind]: { kind: K; payload: CommandPayload<K> } }[CommandKind];

export function isCommandKind(kind: string): kind is CommandKind {
  return Object.hasOwn(commandSchemas, kind);
}

/** Parses a stored command; a malformed one is reported as such, never executed. */
export function parseCommand(kind: string, payload: string): { ok: true; command: Command } | { ok: false; error: string } {
  if (!isCommandKind(kind)) return { ok: false, error: `unknown command kind "${kind}"` };
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return { ok: false, error: "payload is not JSON" };
  }
  const result = commandSchemas[kind].safeParse(json);
  if (!result.success) return { ok: false, error: `invalid payload: ${result.error.issues[0]?.message ?? "unknown problem"}` };
  return { ok: true, command: { kind, payload: result.data } as Command };
}

type DbOrTransaction = Db | Prisma.TransactionClient;

/** Stores a command for the worker (inside the caller's transaction when given one). */
export async function enqueueCommand<K extends CommandKind>(
  db: DbOrTransaction,
  kind: K,
  payload: z.input<(typeof commandSchemas)[K]>,
  requestedById: string | null = null,
): Promise<{ id: number }> {
  const parsed = commandSchemas[kind].parse(payload);
  return db.command.create({ data: { kind, payload: JSON.stringify(parsed), requestedById }, select: { id: true } });
}
