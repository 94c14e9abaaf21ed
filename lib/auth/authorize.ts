// The one authorisation rule of Narthex: every server action, route and worker command that acts for
// a person calls `authorize` with the action's name before it touches anything. Pure: it decides
// from the viewer (loaded fresh, see viewer.ts) and the action's minimum role.
import type { MemberRole } from "@/lib/generated/prisma/enums";
import type { MemberViewer, Viewer } from "@/lib/auth/viewer";
import type { Result } from "@/lib/members/create-member";

const ROLE_RANK: Record<MemberRole, number> = { member: 0, moderator: 1, admin: 2 };

/** Every protected action, the least role it needs and what it does (for messages). */
export const ACTIONS = {
  "profile.update": { role: "member", does: "change your profile" },
  "jabber-link.add": { role: "member", does: "link a Jabber ID" },
  "jabber-link.confirm": { role: "member", does: "confirm a Jabber ID" },
  "jabber-link.new-code": { role: "member", does: "ask for a new code" },
  "jabber-link.remove": { role: "member", does: "unlink a Jabber ID" },
  "post.create": { role: "member", does: "write a post" },
  "post.edit-own": { role: "member", does: "edit your posts" },
  "post.delete-own": { role: "member", does: "delete your posts" },
  "reply.create": { role: "member", does: "reply" },
  "reply.edit-own": { role: "member", does: "edit your replies" },
  "reply.delete-own": { role: "member", does: "delete your replies" },
  "post.moderate": { role: "moderator", does: "moderate posts" },
  "roster.add-contact": { role: "moderator", does: "add contacts to the bot's roster" },
  "roster.edit-contact": { role: "moderator", does: "change contacts on the bot's roster" },
  "roster.remove-contact": { role: "moderator", does: "remove contacts from the bot's roster" },
  "roster.request-subscription": { role: "moderator", does: "ask contacts for their presence" },
  "subscription-requests.view": { role: "moderator", does: "see pending subscription requests" },
  "subscription-requests.answer": { role: "moderator", does: "answer subscription requests" },
  "moderation.view": { role: "moderator", does: "use the moderators' console" },
  "commands.retry": { role: "moderator", does: "try a failed command again" },
  "members.view": { role: "moderator", does: "see the members' standing" },
  "members.suspend": { role: "moderator", does: "suspend or reinstate members" },
  "blocklist.edit": { role: "moderator", does: "block or unblock Jabber IDs" },
  "subscription-requests.set-policy": { role: "moderator", does: "change what happens to strangers' subscription requests" },
  "members.set-role": { role: "admin", does: "change members' roles" },
  "categories.manage": { role: "admin", does: "manage categories" },
  "history.set-retention": { role: "admin", does: "change how long presence history is kept" },
} as const satisfies Record<string, { role: MemberRole; does: string }>;

export type Action = keyof typeof ACTIONS;

const ROLE_WORDS: Record<MemberRole, string> = { member: "members", moderator: "moderators", admin: "administrators" };

export function authorize(viewer: Viewer, action: Action): Result<MemberViewer> {
  const rule = ACTIONS[action];
  if (viewer.kind !== "member") return { ok: false, error: `Please sign in to ${rule.does}.` };
  if (ROLE_RANK[viewer.role] < ROLE_RANK[rule.role]) return { ok: false, error: roleNeeded(action).refusal };
  return { ok: true, value: viewer };
}

/** Who may do an action, in words, and what a signed-in member without that role is told. */
export function roleNeeded(action: Action): { who: string; refusal: string } {
  const rule = ACTIONS[action];
  return { who: ROLE_WORDS[rule.role], refusal: `Only ${ROLE_WORDS[rule.role]} can ${rule.does}.` };
}

export function hasRole(viewer: Viewer, role: MemberRole): boolean {
  return viewer.kind === "member" && ROLE_RANK[viewer.role] >= ROLE_RANK[role];
}
