"use client";
// Deleting a post or reply, in two steps without script dialogs: open, then confirm.
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form-field";
import { deletePostAction, deleteReplyAction, type DeleteState } from "@/app/posts/actions";

type DeleteFormProps = { kind: "post"; id: string } | { kind: "reply"; id: string };

export function DeleteForm({ kind, id }: DeleteFormProps) {
  const [state, action] = useActionState(kind === "post" ? deletePostAction : deleteReplyAction, {} satisfies DeleteState);
  return (
    <details className="delete-form">
      <summary className="link-button">Delete {kind}</summary>
      <form action={action}>
        <FormMessage error={state.error} />
        <input type="hidden" name={kind === "post" ? "postId" : "replyId"} value={id} />
        <p>{kind === "post" ? "Delete this post and its replies from the board?" : "Delete this reply?"}</p>
        <SubmitButton pendingText="Deleting…" className="button button--danger">
          Yes, delete {kind}
        </SubmitButton>
      </form>
    </details>
  );
}
