// The moderators' console's view of the command queue: every command, newest first, a page at a time
// (keyset on the id: `before` shows ids below it), each said in words with its state, attempts and
// last error, and who asked for it. A command the worker cannot read says so rather than failing.
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import { isCommandKind, parseCommand, type Command } from "@/lib/commands";
import type { Db } from "@/lib/db/client";
import type { CommandStatus } from "@/lib/generated/prisma/enums";
import type { Result } from "@/lib/members/create-member";

export type CommandRow = {
  id: number;
  kind: string;
  /** In words for people, e.g. "Add nora@example.org to the bot's roster"; an unknown or malformed command says so. */
  summary: string;
  status: CommandStatus;
  attempts: number;
  lastError: string | null;
  requestedBy: { id: string; displayName: string } | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export const COMMANDS_PAGE_SIZE = 50;
const MAX_LIMIT = 100;

const BAD_BEFORE = "That page link is not valid, so here is the newest page.";
const BAD_LIMIT = "The page size must be a whole number of at least 1.";

const optionsSchema = z.object({
  before: z.int({ error: BAD_BEFORE }).min(1, { error: BAD_BEFORE }).optional(),
  limit: z.int({ error: BAD_LIMIT }).min(1, { error: BAD_LIMIT }).optional(),
});

export async function listCommands(
  db: Db,
  viewer: Viewer,
  options: { before?: number; limit?: number } = {},
): Promise<Result<{ commands: CommandRow[]; olderCursor: number | null }>> {
  const allowed = authorize(viewer, "moderation.view");
  if (!allowed.ok) return allowed;
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Those page options are not valid." };
  const { before } = parsed.data;
  const limit = Math.min(parsed.data.limit ?? COMMANDS_PAGE_SIZE, MAX_LIMIT);
  const rows = await db.command.findMany({
    where: before === undefined ? {} : { id: { lt: before } },
    orderBy: { id: "desc" },
    take: limit + 1,
    select: {
      id: true,
      kind: true,
      payload: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      requestedBy: { select: { id: true, displayName: true } },
    },
  });
  const shown = rows.slice(0, limit);
  const olderCursor = rows.length > limit ? (shown.at(-1)?.id ?? null) : null;
  const commands = shown.map(({ payload, ...row }) => ({ ...row, summary: summarize(row.kind, payload) }));
  return { ok: true, value: { commands, olderCursor } };
}

function summarize(kind: string, payload: string): string {
  const parsed = parseCommand(kind, payload);
  if (parsed.ok) return describeCommand(parsed.command);
  if (!isCommandKind(kind)) return `Unknown command "${kind}", which the worker cannot carry out`;
  return `Malformed "${kind}" command, which the worker cannot carry out (${parsed.error})`;
}

function describeCommand(command: Command): string {
  switch (command.kind) {
    case "roster.add": {
      const { jid, name, groups, preApprove } = command.payload;
      const added = (name ? `Add ${jid} to the bot's roster as "${name}"` : `Add ${jid} to the bot's roster`) + inGroups(groups);
      return preApprove ? `${added}, and let them see the bot's presence` : added;
    }
    case "roster.update": {
      const { jid, name, groups } = command.payload;
      return `Change ${jid} on the bot's roster: ${name ? `name "${name}"` : "no name"}, ${groups.length > 0 ? inGroups(groups).trim() : "in no group"}`;
    }
    case "subscription.request":
      return `Ask ${command.payload.jid} again to share their presence with the bot`;
    case "roster.remove":
      return `Remove ${command.payload.jid} from the bot's roster`;
    case "jabber-link.send-code":
      return `Send a linking code to ${command.payload.jid}`;
    case "jabber-link.confirmed":
      return `Approve ${command.payload.jid}'s subscription now that its link is confirmed`;
    case "presence.resync":
      return "Resend everyone's presence to every open page";
    case "subscription.approve":
      return `Approve ${command.payload.jid}'s request to see the bot's presence`;
    case "subscription.deny":
      return `Deny ${command.payload.jid}'s request to see the bot's presence`;
    case "block.add":
      return `Block ${command.payload.jid} on the bot's XMPP server`;
    case "block.remove":
      return `Unblock ${command.payload.jid} on the bot's XMPP server`;
  }
}

/** ' in groups "Choir" and "Wardens"', or nothing for no groups. */
function inGroups(groups: readonly string[]): string {
  if (groups.length === 0) return "";
  const quoted = groups.map((group) => `"${group}"`);
  const last = quoted.pop();
  return ` in ${groups.length === 1 ? "group" : "groups"} ${quoted.length > 0 ? `${quoted.join(", ")} and ${last}` : last}`;
}
