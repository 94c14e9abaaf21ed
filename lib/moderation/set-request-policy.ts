// A moderator chooses what happens to subscription requests from Jabber IDs no member has linked:
// kept for moderators, approved at once or denied at once (lib/roster/request-policy.ts). The Setting
// row and its audit entry are written in one transaction; choosing the policy already in force is
// refused in words and writes nothing. Requests already waiting stay for a moderator to answer.
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";
import type { Result } from "@/lib/members/create-member";
import { readRequestPolicy, REQUEST_POLICIES, REQUEST_POLICY_KEY, REQUEST_POLICY_WORDS, type RequestPolicy } from "@/lib/roster/request-policy";

export const POLICY_MESSAGES = {
  badPolicy: "Choose one of the three answers.",
  unchanged: (policy: RequestPolicy) => `That is already the policy (${REQUEST_POLICY_WORDS[policy].label.toLowerCase()}), so nothing was changed.`,
} as const;

const inputSchema = z.object({ policy: z.enum(REQUEST_POLICIES, { error: POLICY_MESSAGES.badPolicy }) });

export async function setRequestPolicy(db: Db, viewer: Viewer, input: unknown): Promise<Result<{ policy: RequestPolicy; previous: RequestPolicy }>> {
  const allowed = authorize(viewer, "subscription-requests.set-policy");
  if (!allowed.ok) return allowed;
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? POLICY_MESSAGES.badPolicy };
  const { policy } = parsed.data;
  const actor = allowed.value;
  return db.$transaction(async (tx) => {
    const stillAllowed = authorize(await loadViewer(tx, actor.id), "subscription-requests.set-policy");
    if (!stillAllowed.ok) return stillAllowed;
    const previous = await readRequestPolicy(tx);
    if (previous === policy) return { ok: false as const, error: POLICY_MESSAGES.unchanged(policy) };
    await tx.setting.upsert({ where: { key: REQUEST_POLICY_KEY }, create: { key: REQUEST_POLICY_KEY, value: policy }, update: { value: policy } });
    await tx.auditEntry.create({
      data: {
        actorId: actor.id,
        action: "subscription-requests.set-policy",
        targetType: "setting",
        targetId: REQUEST_POLICY_KEY,
        before: JSON.stringify({ policy: previous }),
        after: JSON.stringify({ policy }),
      },
    });
    return { ok: true as const, value: { policy, previous } };
  });
}
