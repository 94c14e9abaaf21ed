// Operator CLI: `npm run narthex -- <command>`. Every command validates its input and changes
// nothing when it fails; roster changes go to the worker through the durable command queue.
import { parseArgs } from "node:util";
import { createDb, DEFAULT_DATABASE_URL } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { attachJabberId, detachJabberId } from "@/lib/jabber-links/attach-jabber-id";
import { createMember } from "@/lib/members/create-member";
import { OPERATOR } from "@/lib/members/member-actor";
import { setRole } from "@/lib/members/set-role";
import { signUp, type SignUpField } from "@/lib/members/sign-up";
import { reinstateMember, suspendMember } from "@/lib/members/suspend-member";
import { PRESENCE_LABELS } from "@/lib/presence/states";
import { PasswordMismatch, readPassword } from "@/scripts/lib/read-password";

const USAGE = `Usage: npm run narthex -- <command> [options]

Commands:
  member:add <handle> --name "<display name>" [--visibility public|members|hidden] [--role member|moderator|admin]
  admin:create <handle> --name "<display name>" --email <email>
                                  create an administrator who signs in with that email; the password
                                  comes from NARTHEX_PASSWORD, else from stdin when piped, else a prompt
  member:role <handle> <member|moderator|admin>
                                  change a member's role (audited)
  member:suspend <handle>         suspend a member: they cannot sign in, open sessions stop acting (audited)
  member:reinstate <handle>       lift a suspension (audited)
  members                         list members, their Jabber IDs, emails and standing
  jid:attach <handle> <jid>       link a Jabber ID to a member (trusted: verified at once); the worker adds it to the roster
  jid:detach <handle> <jid>       unlink it; the worker removes it from the roster
  roster                          the bot's roster as last mirrored from the XMPP server
  presence                        current presence of every tracked Jabber ID
  commands                        the latest queued commands and their state

Environment: DATABASE_URL (default ${DEFAULT_DATABASE_URL}); NARTHEX_PASSWORD for admin:create.
Passwords are never command-line arguments (they would show in ps and shell history).`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      visibility: { type: "string" },
      role: { type: "string" },
      email: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return;
  }
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  await migrateDatabase(url);
  const db = createDb(url);
  try {
    switch (command) {
      case "member:add": {
        const [handle] = expectArgs(rest, 1, "member:add <handle> --name <display name>");
        const result = await createMember(db, {
          handle,
          displayName: values.name ?? "",
          presenceVisibility: values.visibility as "public" | undefined,
          role: values.role as "member" | undefined,
        });
        if (!result.ok) throw new UsageError(result.error);
        console.log(`Added member ${result.value.handle}.`);
        return;
      }
      case "admin:create": {
        const [handle] = expectArgs(rest, 1, 'admin:create <handle> --name "<display name>" --email <email>');
        const password = await readPassword(`Password for ${handle}: `);
        const result = await signUp(db, { displayName: values.name ?? "", email: values.email ?? "", password }, { handle, role: "admin" });
        if (!result.ok) throw new UsageError(describeRefusal(result.error, result.fieldErrors));
        console.log(`Created administrator ${result.value.handle}; they sign in with ${result.value.email}.`);
        return;
      }
      case "member:role": {
        const [handle, role] = expectArgs(rest, 2, "member:role <handle> <member|moderator|admin>");
        const result = await setRole(db, OPERATOR, { handle, role: role as "member" });
        if (!result.ok) throw new UsageError(result.error);
        console.log(result.value.changed ? `${result.value.handle} is now ${article(result.value.role)} ${result.value.role}.` : `${result.value.handle} already is ${article(result.value.role)} ${result.value.role}; nothing changed.`);
        return;
      }
      case "member:suspend": {
        const [handle] = expectArgs(rest, 1, "member:suspend <handle>");
        const result = await suspendMember(db, OPERATOR, { handle });
        if (!result.ok) throw new UsageError(result.error);
        console.log(`Suspended ${result.value.handle}: they cannot sign in, and an open session acts as a visitor from its next page.`);
        return;
      }
      case "member:reinstate": {
        const [handle] = expectArgs(rest, 1, "member:reinstate <handle>");
        const result = await reinstateMember(db, OPERATOR, { handle });
        if (!result.ok) throw new UsageError(result.error);
        console.log(`Reinstated ${result.value.handle}; they can sign in again.`);
        return;
      }
      case "jid:attach": {
        const [handle, jid] = expectArgs(rest, 2, "jid:attach <handle> <jid>");
        const result = await attachJabberId(db, { handle, jid });
        if (!result.ok) throw new UsageError(result.error);
        console.log(`Linked ${result.value.jid} to ${handle}; the worker will add it to the roster (command #${result.value.commandId}).`);
        return;
      }
      case "jid:detach": {
        const [handle, jid] = expectArgs(rest, 2, "jid:detach <handle> <jid>");
        const result = await detachJabberId(db, { handle, jid });
        if (!result.ok) throw new UsageError(result.error);
        console.log(`Unlinked ${result.value.jid}; the worker will remove it from the roster (command #${result.value.commandId}).`);
        return;
      }
      case "members": {
        const members = await db.member.findMany({ orderBy: { handle: "asc" }, include: { jabberIds: true } });
        printTable(
          ["handle", "name", "role", "visibility", "jabber ids", "email", "standing"],
          members.map((m) => [
            m.handle,
            m.displayName,
            m.role,
            m.presenceVisibility,
            m.jabberIds.map((l) => l.jid).join(", ") || "-",
            m.email ?? "-",
            m.suspendedAt ? `suspended ${m.suspendedAt.toISOString()}` : "active",
          ]),
        );
        return;
      }
      case "roster": {
        const items = await db.rosterItem.findMany({ orderBy: { jid: "asc" } });
        printTable(
          ["jid", "name", "groups", "subscription", "pending out", "pending in"],
          items.map((i) => [i.jid, i.name ?? "-", (JSON.parse(i.groups) as string[]).join(", ") || "-", i.subscription, yesNo(i.pendingOut), yesNo(i.pendingIn)]),
        );
        return;
      }
      case "presence": {
        const [rows, links, worker] = await Promise.all([
          db.presence.findMany({ orderBy: { bareJid: "asc" } }),
          db.jabberLink.findMany({ include: { member: { select: { handle: true } } } }),
          db.workerState.findUnique({ where: { id: 1 } }),
        ]);
        const owner = new Map(links.map((l) => [l.jid, l.member.handle]));
        console.log(`Worker: ${worker ? `${worker.xmppStatus}, last heartbeat ${worker.heartbeatAt.toISOString()}` : "never ran"}`);
        printTable(
          ["jid", "member", "state", "status", "resources", "since"],
          rows.map((r) => [r.bareJid, owner.get(r.bareJid) ?? "-", PRESENCE_LABELS[r.state], r.statusText ?? "-", String(r.resourceCount), r.since.toISOString()]),
        );
        return;
      }
      case "commands": {
        const commands = await db.command.findMany({ orderBy: { id: "desc" }, take: 20 });
        printTable(
          ["id", "kind", "payload", "status", "attempts", "error"],
          commands.map((c) => [String(c.id), c.kind, c.payload, c.status, String(c.attempts), c.lastError ?? "-"]),
        );
        return;
      }
      default:
        throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } finally {
    await db.$disconnect();
  }
}

function expectArgs(args: string[], count: 1, usage: string): [string];
function expectArgs(args: string[], count: 2, usage: string): [string, string];
function expectArgs(args: string[], count: number, usage: string): string[] {
  if (args.length !== count) throw new UsageError(`expected: ${usage}`);
  return args;
}

const yesNo = (value: boolean) => (value ? "yes" : "no");
const article = (role: string) => (role === "admin" ? "an" : "a");

const CLI_FIELD_NAMES: Record<SignUpField, string> = { displayName: "--name", email: "--email", password: "password" };

/** The form's summary plus one line per field, named as the operator typed it. */
function describeRefusal(error: string, fieldErrors: Partial<Record<SignUpField, string>>): string {
  const lines = Object.entries(fieldErrors).map(([field, message]) => `  ${CLI_FIELD_NAMES[field as SignUpField]}: ${message}`);
  return [error, ...lines].join("\n");
}

function printTable(header: string[], rows: string[][]): void {
  if (rows.length === 0) {
    console.log("(none)");
    return;
  }
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  console.log([line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n"));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof PasswordMismatch || (error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
    process.stderr.write(`narthex: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`narthex: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
