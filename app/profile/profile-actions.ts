"use server";
// Saving the profile form: the viewer, then lib/members/update-profile (authorises, validates, writes).
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/current-viewer";
import { getDb } from "@/lib/db/client";
import type { FieldErrors } from "@/lib/forms/field-errors";
import { formText } from "@/lib/forms/form-text";
import { updateProfile, type ProfileField } from "@/lib/members/update-profile";

export type ProfileState = { error?: string; success?: string; fieldErrors: FieldErrors<ProfileField>; values: { displayName: string; presenceVisibility: string } };

export async function updateProfileAction(_previous: ProfileState, formData: FormData): Promise<ProfileState> {
  const values = { displayName: formText(formData, "displayName"), presenceVisibility: formText(formData, "presenceVisibility") };
  const result = await updateProfile(getDb(), await getViewer(), values);
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values };
  revalidatePath("/", "layout"); // the name in the header, the directory and the board
  const { resync, ...saved } = result.value;
  return { success: resync ? "Saved. Who can see when you are online changes right away." : "Saved.", fieldErrors: {}, values: saved };
}
