"use client";
// The console's members table with what the viewer may do to each: Suspend or Reinstate, and for
// administrators a role. One answer area above the table for both kinds of form; the keyboard moves to
// the sentence that says what happened.
import { useActionState, type ReactNode } from "react";
import { AnswerArea, ChoiceButton, SubmitButton } from "@/app/_components/form-field";
import { ConsoleTable } from "@/app/moderation/_components/console-table";
import { memberFormAction, type MemberFormState } from "@/app/moderation/member-actions";
import { TimeAgo } from "@/app/posts/_components/time-ago";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import type { ConsoleMemberRow } from "@/lib/moderation/list-console-members";

const ROLE_LABELS: Record<MemberRole, string> = { member: "Member", moderator: "Moderator", admin: "Administrator" };

/** `empty` is shown instead of the table when nobody is listed (the answer above it stays: a reinstated member may just have left the list). */
export function MemberTable({ members, caption, now, empty }: { members: ConsoleMemberRow[]; caption: string; now: Date; empty: ReactNode }) {
  const [state, action] = useActionState(memberFormAction, {} satisfies MemberFormState);
  return (
    <>
      <AnswerArea state={state} />
      {members.length === 0 ? empty : (
      <ConsoleTable name="members" caption={caption}>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            <th scope="col">Standing</th>
            <th scope="col">Jabber IDs</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id} data-testid={`member-${member.handle}`}>
              <th scope="row">
                {member.displayName} <span className="muted">@{member.handle}</span>
                <span className="console-table__groups">
                  joined <TimeAgo time={member.joinedAt} now={now} />
                </span>
              </th>
              <td>
                {member.canSetRole ? (
                  <form action={action} className="console-inline-form">
                    <input type="hidden" name="handle" value={member.handle} />
                    <label className="visually-hidden" htmlFor={`role-${member.handle}`}>
                      Role of @{member.handle}
                    </label>
                    <select id={`role-${member.handle}`} name="role" defaultValue={member.role}>
                      {Object.entries(ROLE_LABELS).map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                    <SubmitButton pendingText="Changing…" className="button button--secondary">
                      Change<span className="visually-hidden"> the role of @{member.handle}</span>
                    </SubmitButton>
                  </form>
                ) : (
                  ROLE_LABELS[member.role]
                )}
              </td>
              <td>
                {member.suspendedAt ? (
                  <>
                    <strong>Suspended</strong>{" "}
                    <span className="console-table__groups">
                      since <TimeAgo time={member.suspendedAt} now={now} />
                    </span>
                  </>
                ) : (
                  "Active"
                )}
                {member.canSuspend ? (
                  <form action={action} className="console-inline-form">
                    <input type="hidden" name="handle" value={member.handle} />
                    <ChoiceButton
                      name="standing"
                      value={member.suspendedAt ? "reinstate" : "suspend"}
                      label={member.suspendedAt ? `Reinstate @${member.handle}` : `Suspend @${member.handle}`}
                      className="button button--secondary"
                    />
                  </form>
                ) : null}
              </td>
              <td>{member.verifiedJids.length > 0 ? member.verifiedJids.join(", ") : <span className="muted">None verified</span>}</td>
            </tr>
          ))}
        </tbody>
      </ConsoleTable>
      )}
    </>
  );
}

