// Helpers for integration tests of linking and the bot's chat: members who sign in to the board
// without a Jabber ID yet, their own XMPP clients (which approve nothing unless told to), and
// reading what the bot sent them.
import { loadViewer, type MemberViewer } from "@/lib/auth/viewer";
import { createMember, type MemberInput } from "@/lib/members/create-member";
import type { TestStack } from "@/scripts/lib/test-stack";
import { connectMemberClient, xml, type MemberClient, type MemberClientOptions } from "@/scripts/lib/xmpp-test-client";

type Element = MemberClient["stanzas"][number];

export const ACCOUNT_PASSWORD = "account-password-for-link-tests";
/** A code as the bot shows it. */
export const CODE_PATTERN = /[0-9A-Z]{4}-[0-9A-Z]{4}/;

/** A member of the board, as the viewer that server actions would load for them. */
export async function newMember(stack: TestStack, input: MemberInput): Promise<MemberViewer> {
  const member = await createMember(stack.db, input);
  if (!member.ok) throw new Error(member.error);
  const viewer = await loadViewer(stack.db, member.value.id);
  if (viewer.kind !== "member") throw new Error("the new member cannot act");
  return viewer;
}

/**
 * Registers `user` on the test server and logs a client in the way a real client does: roster first
 * (RFC 6121 §2.2; only such "interested" resources receive roster pushes and subscription state
 * presence), then initial presence.
 */
export async function connectAccount(
  stack: TestStack,
  user: string,
  clients: MemberClient[],
  options: Partial<MemberClientOptions> = {},
): Promise<MemberClient> {
  await stack.prosody.register(user, ACCOUNT_PASSWORD);
  const client = await connectMemberClient({
    service: stack.prosody.service,
    domain: stack.prosody.domain,
    username: user,
    password: ACCOUNT_PASSWORD,
    resource: "phone",
    ...options,
  });
  clients.push(client);
  await client.xmpp.iqCaller.get(xml("query", { xmlns: "jabber:iq:roster" }), undefined, 5_000);
  await client.sendPresence();
  return client;
}

export function isChatFromBot(stack: TestStack, stanza: Element): boolean {
  return stanza.is("message") && (stanza.attrs.from ?? "").startsWith(`${stack.botJid}/`) && stanza.getChildText("body") !== null;
}

/**
 * The first chat message from the bot whose body matches `pattern`, among stanzas received from
 * index `after` on (take `client.stanzas.length` before acting).
 */
export async function nextBotMessage(
  stack: TestStack,
  client: MemberClient,
  { after, pattern = /./, timeoutMs = 10_000 }: { after: number; pattern?: RegExp; timeoutMs?: number },
): Promise<string> {
  const matches = (s: Element) => isChatFromBot(stack, s) && pattern.test(s.getChildText("body") ?? "");
  const past = client.stanzas.slice(after).find(matches);
  const stanza = past ?? (await client.waitFor(matches, timeoutMs));
  return stanza.getChildText("body") ?? "";
}

/** Sends `body` to the bot and resolves with its answer. */
export async function askBot(stack: TestStack, client: MemberClient, body: string, timeoutMs = 5_000): Promise<string> {
  const answer = client.waitFor((s) => isChatFromBot(stack, s), timeoutMs);
  await client.sendMessage(stack.botJid, body);
  return (await answer).getChildText("body") ?? "";
}

/** The code in a message from the bot, as shown there ("K7QF-92XM"). */
export function codeIn(body: string): string {
  const code = CODE_PATTERN.exec(body)?.[0];
  if (!code) throw new Error(`no code in ${JSON.stringify(body)}`);
  return code;
}
