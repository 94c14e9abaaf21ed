"use server";
// The category admin page's forms: the viewer, then one lib/board/manage-categories function (it
// authorises, validates, writes and audits), then the pages that list categories are rendered afresh.
import { revalidatePath } from "next/cache";
import { revalidateBoard } from "@/app/cached-board/revalidate-board";
import { getViewer } from "@/lib/auth/current-viewer";
import { archiveCategory, createCategory, moveCategory, renameCategory, unarchiveCategory } from "@/lib/board/manage-categories";
import { getDb } from "@/lib/db/client";
import { formText } from "@/lib/forms/form-text";

export type CategoryFormState = { error?: string; success?: string; values: { name: string } };

function refreshCategoryPages(): void {
  revalidatePath("/admin/categories");
  revalidatePath("/posts/new");
  revalidateBoard();
}

export async function createCategoryAction(_previous: CategoryFormState, formData: FormData): Promise<CategoryFormState> {
  const values = { name: formText(formData, "name") };
  const result = await createCategory(getDb(), await getViewer(), values);
  if (!result.ok) return { error: result.error, values };
  refreshCategoryPages();
  return { success: `Added "${result.value.name}".`, values: { name: "" } };
}

export async function renameCategoryAction(_previous: CategoryFormState, formData: FormData): Promise<CategoryFormState> {
  const values = { name: formText(formData, "name") };
  const result = await renameCategory(getDb(), await getViewer(), { ...values, categoryId: formText(formData, "categoryId") });
  if (!result.ok) return { error: result.error, values };
  refreshCategoryPages();
  return { success: `Renamed to "${result.value.name}".`, values: { name: result.value.name } };
}

/** Move up, move down, archive or unarchive: the button pressed names the change. */
export async function changeCategoryAction(_previous: CategoryFormState, formData: FormData): Promise<CategoryFormState> {
  const viewer = await getViewer();
  const categoryId = formText(formData, "categoryId");
  const change = formText(formData, "change");
  const db = getDb();
  const result =
    change === "archive"
      ? await archiveCategory(db, viewer, { categoryId })
      : change === "unarchive"
        ? await unarchiveCategory(db, viewer, { categoryId })
        : await moveCategory(db, viewer, { categoryId, direction: change });
  if (!result.ok) return { error: result.error, values: { name: "" } };
  refreshCategoryPages();
  return { values: { name: "" } };
}
