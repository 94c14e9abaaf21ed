// Demo content for `npm start`: a small congregation with categories, posts and members whose
// Jabber accounts live on the private Prosody, an administrator to sign in as, and a driver that keeps
// their presence moving.
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/passwords";
import { seedDefaultCategories } from "@/lib/board/seed-categories";
import type { Db } from "@/lib/db/client";
import { attachJabberId } from "@/lib/jabber-links/attach-jabber-id";
import { createMember } from "@/lib/members/create-member";
import { signUp } from "@/lib/members/sign-up";
import type { PrivateProsody } from "@/scripts/lib/private-prosody";
import { connectMemberClient, type MemberClient, type PresenceShow } from "@/scripts/lib/xmpp-test-client";

export const DEMO_PASSWORD = "demo-member";

export const DEMO_MEMBERS = [
  { handle: "ruth", displayName: "Ruth Okafor" },
  { handle: "samuel", displayName: "Samuel Berg" },
  { handle: "miriam", displayName: "Miriam Costa" },
  { handle: "thomas", displayName: "Thomas Lindqvist" },
  { handle: "lydia", displayName: "Lydia Nakamura" },
] as const;

/** The board's administrator in the demo; `npm start` prints a fresh password for this email. */
export const DEMO_ADMIN = { handle: "deborah", displayName: "Deborah Adeyemi", email: "deborah@example.org" } as const;

const POSTS = [
  { author: "ruth", category: "announcements", title: "Sunday service moves to 10:30 from next week", body: "The choir asked for a little more time to rehearse. Coffee afterwards as usual." },
  { author: "samuel", category: "events", title: "Harvest supper: who can bring a dish?", body: "Saturday 6 pm in the hall. Reply with what you can bring so we don't end up with nine apple pies." },
  { author: "miriam", category: "prayer-requests", title: "For my mother's operation on Thursday", body: "Thank you all for your kind words. She is in good spirits." },
  { author: "thomas", category: "general", title: "Lost and found: a blue umbrella", body: "Left in the porch after evening prayer. It's in the vestry now." },
  { author: "lydia", category: "events", title: "Youth group hike, 14 December", body: "Meet at the church gate at 9. Bring boots and a packed lunch." },
];

/**
 * Creates what is missing; running it again changes nothing but the demo administrator's password,
 * which is new on every start (returned for `npm start` to print, never stored in clear).
 */
export async function seedDemoCommunity(db: Db, prosody: PrivateProsody): Promise<{ admin: { email: string; password: string } }> {
  const admin = await seedDemoAdmin(db);
  await seedDefaultCategories(db);
  for (const member of DEMO_MEMBERS) {
    await prosody.register(member.handle, DEMO_PASSWORD);
    const existing = await db.member.findUnique({ where: { handle: member.handle } });
    if (!existing) {
      const created = await createMember(db, { ...member, presenceVisibility: "public" });
      if (!created.ok) throw new Error(created.error);
    }
    const jid = `${member.handle}@${prosody.domain}`;
    if (!(await db.jabberLink.findUnique({ where: { jid } }))) {
      const linked = await attachJabberId(db, { handle: member.handle, jid });
      if (!linked.ok) throw new Error(linked.error);
    }
  }
  if ((await db.post.count()) > 0) return { admin };
  const now = Date.now();
  for (const [index, post] of POSTS.entries()) {
    const author = await db.member.findUniqueOrThrow({ where: { handle: post.author } });
    const category = await db.category.findUniqueOrThrow({ where: { slug: post.category } });
    const at = new Date(now - (index + 1) * 47 * 60_000);
    await db.post.create({
      data: { title: post.title, body: post.body, authorId: author.id, categoryId: category.id, createdAt: at, lastActivityAt: at },
    });
  }
  return { admin };
}

async function seedDemoAdmin(db: Db): Promise<{ email: string; password: string }> {
  const password = randomBytes(12).toString("base64url");
  const existing = await db.member.findUnique({ where: { handle: DEMO_ADMIN.handle }, select: { id: true } });
  if (existing) {
    await db.member.update({ where: { id: existing.id }, data: { passwordHash: await hashPassword(password) } });
  } else {
    const created = await signUp(db, { displayName: DEMO_ADMIN.displayName, email: DEMO_ADMIN.email, password }, { handle: DEMO_ADMIN.handle, role: "admin" });
    if (!created.ok) throw new Error(created.error);
  }
  return { email: DEMO_ADMIN.email, password };
}

type DemoState = { show?: PresenceShow; status?: string } | "offline";

const STATES: DemoState[] = [
  {},
  {},
  { show: "away", status: "Back soon" },
  { show: "dnd", status: "In a meeting" },
  { show: "xa", status: "On holiday" },
  { show: "chat", status: "Happy to talk" },
  "offline",
];

/** Logs the demo members in and changes one member's presence every couple of seconds. */
export async function runDemoPresence(prosody: PrivateProsody, botJid: string): Promise<{ stop(): Promise<void> }> {
  const clients = new Map<string, MemberClient>();
  const connect = async (handle: string) => {
    const client = await connectMemberClient({
      service: prosody.service,
      domain: prosody.domain,
      username: handle,
      password: DEMO_PASSWORD,
      resource: "demo",
      autoApproveFrom: [botJid],
    });
    clients.set(handle, client);
    return client;
  };
  // Everyone but the last member starts online, so the board is lively at once.
  for (const member of DEMO_MEMBERS.slice(0, -1)) await (await connect(member.handle)).sendPresence();

  let stopped = false;
  const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
  const loop = (async () => {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, 1_500 + Math.random() * 2_000));
      if (stopped) break;
      const { handle } = pick(DEMO_MEMBERS);
      const next = pick(STATES);
      try {
        const client = clients.get(handle);
        if (next === "offline") {
          await client?.stop();
          clients.delete(handle);
        } else {
          await (client ?? (await connect(handle))).sendPresence(next);
        }
      } catch {
        clients.delete(handle); // the private server restarted or is stopping: reconnect next time
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await Promise.all([...clients.values()].map((client) => client.stop()));
    },
  };
}
