// The queue of commands to the worker (roster changes, link codes, presence resyncs), newest first:
// what each asks in words, its state (waiting, running, done, failed with the server's reason), how
// often it was tried and who asked; a failed one can be tried again. `?before=` pages back through
// older commands.
import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { Pager } from "@/app/_components/pager";
import { ConsoleTable } from "@/app/moderation/_components/console-table";
import { RetryForm } from "@/app/moderation/commands/_components/retry-form";
import { TimeAgo } from "@/app/posts/_components/time-ago";
import { getViewer } from "@/lib/auth/current-viewer";
import { requireRole } from "@/lib/auth/require-role";
import { getDb } from "@/lib/db/client";
import type { CommandStatus } from "@/lib/generated/prisma/enums";
import { listCommands } from "@/lib/moderation/list-commands";
import { parseBeforeParam } from "@/lib/moderation/parse-console-params";

export const metadata: Metadata = { title: "Commands · Moderation" };

const PATH = "/moderation/commands";

const STATUS_WORDS: Record<CommandStatus, string> = { pending: "Waiting", running: "Running", done: "Done", failed: "Failed" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CommandsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = requireRole(await getViewer(), "moderation.view", PATH);
  const before = parseBeforeParam((await searchParams).before);
  const listed = await listCommands(getDb(), viewer, { before: before.ok ? before.value : undefined });
  if (!listed.ok) forbidden();
  const { commands, olderCursor } = listed.value;
  const now = new Date();
  const olderPage = before.ok && before.value !== undefined;
  return (
    <>
      <div className="page-heading">
        <div>
          <h1>Commands</h1>
          <p className="page-heading__lede">What the board asked the presence service to do, in order, and how it went.</p>
        </div>
      </div>
      {before.ok ? null : (
        <p className="notice" role="status">
          {before.error}
        </p>
      )}
      {commands.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">{olderPage ? "No older commands" : "No commands yet"}</p>
          <p>Linking a Jabber ID, or a moderator changing the roster, queues a command here.</p>
        </div>
      ) : (
        <ConsoleTable name="commands" caption={olderPage ? "Older commands" : "Latest commands"}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">What</th>
              <th scope="col">State</th>
              <th scope="col">Asked by</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {commands.map((command) => (
              <tr key={command.id} data-testid={`command-${command.id}`}>
                <td>{command.id}</td>
                <th scope="row">{command.summary}</th>
                <td>
                  <span className={`command-state command-state--${command.status}`}>{STATUS_WORDS[command.status]}</span>
                  {command.attempts > 1 ? <span className="console-table__groups">{command.attempts} attempts</span> : null}
                  {command.lastError ? <span className="console-table__groups">{command.lastError}</span> : null}
                  {command.status === "failed" ? <RetryForm id={command.id} /> : null}
                </td>
                <td>{command.requestedBy?.displayName ?? <span className="muted">The board or the operator</span>}</td>
                <td>
                  <TimeAgo time={command.createdAt} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </ConsoleTable>
      )}
      <Pager
        label="Pages"
        back={olderPage ? { href: PATH, text: "Newest commands" } : null}
        next={olderCursor !== null ? { href: `${PATH}?before=${olderCursor}`, text: "Older commands" } : null}
      />
    </>
  );
}
