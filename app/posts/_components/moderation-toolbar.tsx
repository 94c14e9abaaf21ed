"use client";
// The moderator's toolbar on a post: its standing in words and one button per change that would do
// something (lib/board/post-moderation's availableVerbs). The rule itself lives in lib/board/moderate-post.
import { useActionState } from "react";
import { ChoiceButton, FormMessage } from "@/app/_components/form-field";
import { moderatePostAction, type ModerationFormState } from "@/app/posts/moderation-actions";
import { availableVerbs, moderationStateInWords, type ModerationFlags, type ModerationVerb } from "@/lib/board/post-moderation";

const LABELS: Record<ModerationVerb, string> = {
  pin: "Pin",
  unpin: "Unpin",
  lock: "Lock",
  unlock: "Unlock",
  hide: "Hide",
  unhide: "Unhide",
  delete: "Delete",
  restore: "Restore",
};

/**
 * A verb and its opposite share one button, so after pressing it the keyboard stays on it (now
 * offering the opposite) instead of falling back to the top of the page.
 */
const SLOTS: Record<ModerationVerb, string> = { pin: "pin", unpin: "pin", lock: "lock", unlock: "lock", hide: "hide", unhide: "hide", delete: "delete", restore: "delete" };

function VerbButton({ verb }: { verb: ModerationVerb }) {
  return <ChoiceButton name="action" value={verb} label={LABELS[verb]} className={verb === "delete" ? "button button--danger" : "button button--secondary"} />;
}

/**
 * On the post's page, a card with the post's standing in words. `inRow` fits it in a row of the
 * console's posts table, where the other cells already say the standing: only the buttons (and any
 * refusal), grouped under a name saying which post they act on, since every row has its own "Restore".
 */
export function ModerationToolbar({ postId, flags, inRow }: { postId: string; flags: ModerationFlags; inRow?: { label: string } }) {
  const [state, action] = useActionState(moderatePostAction, {} satisfies ModerationFormState);
  const form = (
    <form action={action} className="moderation-toolbar__form">
      <FormMessage error={state.error} />
      <input type="hidden" name="postId" value={postId} />
      <div className="moderation-toolbar__actions" role={inRow ? "group" : undefined} aria-label={inRow?.label}>
        {availableVerbs(flags).map((verb) => (
          <VerbButton key={SLOTS[verb]} verb={verb} />
        ))}
      </div>
    </form>
  );
  if (inRow) return form;
  return (
    <section className="card moderation-toolbar" aria-labelledby="moderation-heading">
      <h2 id="moderation-heading">Moderation</h2>
      <ul className="moderation-toolbar__state" aria-label="This post's standing">
        {moderationStateInWords(flags).map((words) => (
          <li key={words}>{words}</li>
        ))}
      </ul>
      {form}
    </section>
  );
}
