// A moderator chooses what happens to subscription requests from Jabber IDs no member has linked:
// kept for moderators, approved at once or denied at once (lib/roster/request-policy.ts). The Setting
// row and its audit entry are written in one transaction; choosing the policy already in force is
// refused in words and writes nothing. Requests already waiting stay for a moderator to answer.
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";
import type { Result } from "@/lib/members/create-member";
import { changeSetting } from "@/lib/settings/change-setting";
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
  const changed = await changeSetting(db, allowed.value.id, {
    action: "subscription-requests.set-policy",
    key: REQUEST_POLICY_KEY,
    read: readRequestPolicy,
    value: parsed.data.policy,
    unchanged: POLICY_MESSAGES.unchanged,
    audited: (policy) => ({ policy }),
  });
  return changed.ok ? { ok: true, value: { policy: changed.value.value, previous: changed.value.previous } } : changed;
}
