"use client";
// Writing or editing a post: category, title, Markdown body. Refusals appear beside the fields and
// what was typed stays.
import { useActionState } from "react";
import { FormMessage, SelectField, SubmitButton, TextAreaField, TextField, useFocusFirstInvalidField } from "@/app/_components/form-field";
import { createPostAction, editPostAction, type PostFormState } from "@/app/posts/actions";
import { BODY_MAX, TITLE_MAX } from "@/lib/board/post-input";

export const MARKDOWN_HINT = "Markdown works: *emphasis*, **bold**, [links](https://example.org), lists, > quotes and `code`.";

type PostFormProps = {
  categories: ReadonlyArray<{ id: string; name: string }>;
  post?: { id: string; categoryId: string; title: string; body: string };
};

export function PostForm({ categories, post }: PostFormProps) {
  const initial: PostFormState = { fieldErrors: {}, values: { categoryId: post?.categoryId ?? "", title: post?.title ?? "", body: post?.body ?? "" } };
  const [state, action] = useActionState(post ? editPostAction : createPostAction, initial);
  const form = useFocusFirstInvalidField(state);
  const options = [{ value: "", label: "Choose a category" }, ...categories.map((category) => ({ value: category.id, label: category.name }))];
  return (
    <form ref={form} action={action} className="form" noValidate>
      <FormMessage error={state.error} />
      {post ? <input type="hidden" name="postId" value={post.id} /> : null}
      <SelectField name="categoryId" label="Category" options={options} defaultValue={state.values.categoryId} error={state.fieldErrors.categoryId} required key={`c-${state.values.categoryId}`} />
      <TextField name="title" label="Title" required maxLength={TITLE_MAX} defaultValue={state.values.title} error={state.fieldErrors.title} />
      <TextAreaField name="body" label="Message" hint={MARKDOWN_HINT} required rows={10} maxLength={BODY_MAX} defaultValue={state.values.body} error={state.fieldErrors.body} />
      <div className="form__actions">
        <SubmitButton pendingText={post ? "Saving…" : "Posting…"}>{post ? "Save changes" : "Post"}</SubmitButton>
      </div>
    </form>
  );
}
