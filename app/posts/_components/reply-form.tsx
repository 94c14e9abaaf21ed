"use client";
// Writing or editing a reply (Markdown body). After a reply is posted the page shows it and the
// form starts empty again.
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextAreaField, useFocusFirstInvalidField } from "@/app/_components/form-field";
import { MARKDOWN_HINT } from "@/app/posts/_components/post-form";
import { createReplyAction, editReplyAction, type ReplyFormState } from "@/app/posts/actions";
import { BODY_MAX } from "@/lib/board/post-input";

type ReplyFormProps = { postId: string; reply?: undefined } | { postId?: undefined; reply: { id: string; body: string } };

export function ReplyForm({ postId, reply }: ReplyFormProps) {
  const initial: ReplyFormState = { fieldErrors: {}, values: { body: reply?.body ?? "" } };
  const [state, action] = useActionState(reply ? editReplyAction : createReplyAction, initial);
  const form = useFocusFirstInvalidField(state);
  return (
    <form ref={form} action={action} className="form" noValidate>
      <FormMessage error={state.error} />
      {reply ? <input type="hidden" name="replyId" value={reply.id} /> : <input type="hidden" name="postId" value={postId} />}
      <TextAreaField
        name="body"
        label={reply ? "Your reply" : "Write a reply"}
        hint={MARKDOWN_HINT}
        required
        rows={reply ? 8 : 5}
        maxLength={BODY_MAX}
        defaultValue={state.values.body}
        error={state.fieldErrors.body}
      />
      <div className="form__actions">
        <SubmitButton pendingText={reply ? "Saving…" : "Sending…"}>{reply ? "Save reply" : "Reply"}</SubmitButton>
      </div>
    </form>
  );
}
