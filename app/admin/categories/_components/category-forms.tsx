"use client";
// The forms of the category admin page: add a category, and per category rename it, move it up or
// down, archive or unarchive it. Each form shows its own refusal beside it; the rules live in
// lib/board/manage-categories.
import { useActionState, useId } from "react";
import { ChoiceButton, FormMessage, SubmitButton, TextField } from "@/app/_components/form-field";
import { changeCategoryAction, createCategoryAction, renameCategoryAction, type CategoryFormState } from "@/app/admin/categories/actions";
import { CATEGORY_NAME_MAX } from "@/lib/board/category-rules";
import type { CategoryOverview } from "@/lib/board/manage-categories";

const EMPTY: CategoryFormState = { values: { name: "" } };

export function AddCategoryForm() {
  const [state, action] = useActionState(createCategoryAction, EMPTY);
  return (
    <form action={action} className="form category-admin__add" noValidate>
      <FormMessage error={state.error} success={state.success} />
      <TextField name="name" label="Name of the new category" required maxLength={CATEGORY_NAME_MAX} defaultValue={state.values.name} key={`add-${state.values.name}`} />
      <div className="form__actions">
        <SubmitButton pendingText="Adding…">Add category</SubmitButton>
      </div>
    </form>
  );
}

type Change = "up" | "down" | "archive" | "unarchive";
const CHANGE_LABELS: Record<Change, string> = { up: "Move up", down: "Move down", archive: "Archive", unarchive: "Unarchive" };

function ChangeButton({ change, disabled }: { change: Change; disabled?: boolean }) {
  return <ChoiceButton name="change" value={change} label={CHANGE_LABELS[change]} className="button button--secondary" disabled={disabled} />;
}

export function CategoryRow({ category, last }: { category: CategoryOverview; last: boolean }) {
  const headingId = useId();
  const [renameState, rename] = useActionState(renameCategoryAction, { values: { name: category.name } } satisfies CategoryFormState);
  const [changeState, change] = useActionState(changeCategoryAction, EMPTY);
  const posts = `${category.postCount} post${category.postCount === 1 ? "" : "s"}`;
  return (
    <li className="card category-admin__item" aria-labelledby={headingId}>
      <h2 id={headingId} className="category-admin__name">
        {category.name}
      </h2>
      <p className="category-admin__facts">
        {posts}
        {category.archived ? " · Archived: not offered for new posts" : ""}
      </p>
      <form action={rename} className="form category-admin__rename" noValidate>
        <FormMessage error={renameState.error} success={renameState.success} />
        <input type="hidden" name="categoryId" value={category.id} />
        <TextField name="name" label={`New name for ${category.name}`} required maxLength={CATEGORY_NAME_MAX} defaultValue={renameState.error ? renameState.values.name : category.name} key={`${category.name}-${renameState.values.name}`} />
        <div className="form__actions">
          <SubmitButton pendingText="Renaming…" className="button button--secondary">
            Rename
          </SubmitButton>
        </div>
      </form>
      <form action={change} className="category-admin__changes">
        <FormMessage error={changeState.error} />
        <input type="hidden" name="categoryId" value={category.id} />
        <div className="form__actions">
          <ChangeButton change="up" disabled={category.place === 1} />
          <ChangeButton change="down" disabled={last} />
          <ChangeButton change={category.archived ? "unarchive" : "archive"} />
        </div>
      </form>
    </li>
  );
}
