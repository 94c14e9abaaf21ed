"use server";
// The console's member forms: the viewer, then the lib/members function (it authorises, validates,
// writes and audits in one transaction), then the console and the board are read afresh (a suspended
// member's presence leaves the board's shared copies).
import { revalidatePath } from "next/cache";
import { revalidateBoard } from "@/app/cached-board/revalidate-board";
import { getViewer } from "@/lib/auth/current-viewer";
import { getDb } from "@/lib/db/client";
import { formText } from "@/lib/forms/form-text";
import { setRole } from "@/lib/members/set-role";
import { reinstateMember, suspendMember } from "@/lib/members/suspend-member";

export type MemberFormState = { error?: string; success?: string };

/** Every form of the members table: a role change carries `role`, a suspension `standing`. */
export async function memberFormAction(_previous: MemberFormState, formData: FormData): Promise<MemberFormState> {
  return formData.has("role") ? changeRole(formData) : changeStanding(formData);
}

const ROLE_WORDS = { member: "a member", moderator: "a moderator", admin: "an administrator" } as const;

async function changeStanding(formData: FormData): Promise<MemberFormState> {
  const viewer = await getViewer();
  const handle = formText(formData, "handle");
  const standing = formText(formData, "standing");
  if (standing !== "suspend" && standing !== "reinstate") return { error: "Choose Suspend or Reinstate." };
  const result = standing === "suspend" ? await suspendMember(getDb(), viewer, { handle }) : await reinstateMember(getDb(), viewer, { handle });
  if (!result.ok) return { error: result.error };
  revalidatePath("/moderation", "layout");
  revalidatePath("/members");
  revalidateBoard();
  return {
    success:
      standing === "suspend"
        ? `@${result.value.handle} is suspended: signed out everywhere, unable to sign in, and their presence is no longer shown.`
        : `@${result.value.handle} is reinstated and can sign in again.`,
  };
}

async function changeRole(formData: FormData): Promise<MemberFormState> {
  const result = await setRole(getDb(), await getViewer(), { handle: formText(formData, "handle"), role: formText(formData, "role") });
  if (!result.ok) return { error: result.error };
  revalidatePath("/moderation", "layout");
  const { handle, role, changed } = result.value;
  return { success: changed ? `@${handle} is now ${ROLE_WORDS[role]}.` : `@${handle} is already ${ROLE_WORDS[role]}; nothing was changed.` };
}
