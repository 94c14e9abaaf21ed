// Seeding the people a spec signs in as: an account made the way the product makes one (sign-up), a
// role given as the operator gives it (audited), the viewer a lib call acts for, and a linked Jabber
// client whose presence the worker follows.
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import type { Db } from "@/lib/db/client";
import type { MemberRole, PresenceVisibility } from "@/lib/generated/prisma/enums";
import { attachJabberId } from "@/lib/jabber-links/attach-jabber-id";
import { createMember } from "@/lib/members/create-member";
import { OPERATOR } from "@/lib/members/member-actor";
import { setRole } from "@/lib/members/set-role";
import { signUp } from "@/lib/members/sign-up";
import type { LocalStack } from "@/scripts/lib/local-stack";
import { connectMemberClient, type MemberClient } from "@/scripts/lib/xmpp-test-client";

export type NewMember = {
  displayName: string;
  email: string;
  password: string;
  /** Chosen by the operator; otherwise sign-up makes one from the name. */
  handle?: string;
  role?: MemberRole;
  /** Sign-up always starts at the default, so this is written straight to the member afterwards. */
  presenceVisibility?: PresenceVisibility;
};

/** Signs the member up and, when asked, gives them a role and a visibility; throws with the lib's words. */
export async function addMember(db: Db, member: NewMember): Promise<{ id: string; handle: string }> {
  const { displayName, email, password, handle, role, presenceVisibility } = member;
  const signedUp = await signUp(db, { displayName, email, password }, { handle });
  if (!signedUp.ok) throw new Error(signedUp.error);
  const { id } = signedUp.value;
  if (role && role !== "member") {
    const promoted = await setRole(db, OPERATOR, { handle: signedUp.value.handle, role });
    if (!promoted.ok) throw new Error(promoted.error);
  }
  if (presenceVisibility) await db.member.update({ where: { id }, data: { presenceVisibility } });
  return { id, handle: signedUp.value.handle };
}

/** The viewer for the member with this email, as a page would load them. */
export async function viewerOf(db: Db, email: string): Promise<Viewer> {
  const member = await db.member.findUniqueOrThrow({ where: { email } });
  return loadViewer(db, member.id);
}

/** Gives an existing member an account on the stack's Prosody (`<handle>@domain`) and links it as the operator does (verified). */
export async function linkJabberAccount(stack: LocalStack, handle: string): Promise<string> {
  await stack.prosody.register(handle, xmppPassword(handle));
  const link = await attachJabberId(stack.db, { handle, jid: `${handle}@${stack.prosody.domain}` });
  if (!link.ok) throw new Error(link.error);
  return link.value.jid;
}

/** Signs the member's XMPP client in (again), approving the bot's subscription. */
export function connectJabberClient(stack: LocalStack, handle: string): Promise<MemberClient> {
  return connectMemberClient({
    service: stack.prosody.service,
    domain: stack.prosody.domain,
    username: handle,
    password: xmppPassword(handle),
    resource: "laptop",
    autoApproveFrom: [stack.botJid],
  });
}

/** Both: a linked account with its client signed in. */
export async function connectLinkedClient(stack: LocalStack, handle: string): Promise<{ jid: string; client: MemberClient }> {
  const jid = await linkJabberAccount(stack, handle);
  return { jid, client: await connectJabberClient(stack, handle) };
}

const xmppPassword = (handle: string) => `${handle}-xmpp-password`;

/**
 * Makes each person a member (by handle, with the visibility given) with a linked Jabber account, signs
 * their client in and has it say it is online; fills in each person's member id. The clients, by handle.
 */
export async function bringMembersOnline<H extends string>(
  stack: LocalStack,
  people: Record<H, { name: string; id: string }>,
  visibilityOf: (handle: H) => PresenceVisibility = () => "public",
): Promise<Map<H, MemberClient>> {
  const clients = new Map<H, MemberClient>();
  for (const handle of Object.keys(people) as H[]) {
    const person = people[handle];
    const member = await createMember(stack.db, { handle, displayName: person.name, presenceVisibility: visibilityOf(handle) });
    if (!member.ok) throw new Error(member.error);
    person.id = member.value.id;
    const { client } = await connectLinkedClient(stack, handle);
    clients.set(handle, client);
    await client.sendPresence();
  }
  return clients;
}
