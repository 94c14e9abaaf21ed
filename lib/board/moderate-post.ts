// A moderator pins, locks, hides or deletes a post, or undoes it. The change and its append-only audit
// row are written in one transaction; a change that would change nothing is refused and writes nothing.
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { postRefSchema } from "@/lib/board/post-input";
import {
  MODERATION_MESSAGES,
  MODERATION_VERBS,
  moderationFlags,
  moderationSnapshot,
  planModeration,
  type ModerationFlags,
  type ModerationVerb,
} from "@/lib/board/post-moderation";
import type { Db } from "@/lib/db/client";
import type { Result } from "@/lib/members/create-member";

export const moderatePostSchema = postRefSchema.extend({
  action: z.enum(MODERATION_VERBS, { error: MODERATION_MESSAGES.unknownVerb }),
});

export async function moderatePost(db: Db, viewer: Viewer, input: unknown): Promise<Result<{ postId: string; action: ModerationVerb; state: ModerationFlags }>> {
  const allowed = authorize(viewer, "post.moderate");
  if (!allowed.ok) return allowed;
  const parsed = moderatePostSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? MODERATION_MESSAGES.unknownVerb };
  const { postId, action } = parsed.data;
  const actor = allowed.value;
  return db.$transaction(async (tx) => {
    // Role and suspension are read again inside the write, so a demotion mid-request still applies.
    const stillAllowed = authorize(await loadViewer(tx, actor.id), "post.moderate");
    if (!stillAllowed.ok) return stillAllowed;
    const before = await tx.post.findUnique({ where: { id: postId }, select: { pinnedAt: true, lockedAt: true, hiddenAt: true, deletedAt: true } });
    if (!before) return { ok: false as const, error: MODERATION_MESSAGES.noSuchPost };
    const plan = planModeration(before, action, new Date());
    if (!plan.ok) return plan;
    const after = { ...before, [plan.value.field]: plan.value.value };
    await tx.post.update({ where: { id: postId }, data: { [plan.value.field]: plan.value.value } });
    await tx.auditEntry.create({
      data: {
        actorId: actor.id,
        action: `post.${action}`,
        targetType: "post",
        targetId: postId,
        before: JSON.stringify(moderationSnapshot(before)),
        after: JSON.stringify(moderationSnapshot(after)),
      },
    });
    return { ok: true as const, value: { postId, action, state: moderationFlags(after) } };
  });
}
