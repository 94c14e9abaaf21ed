// Benchmark: the server-rendered board index under load. The whole product runs as in production
// (the web server, worker, private Prosody, SQLite) with 5,000 posts by 300 members, each with a linked
// Jabber ID and stored presence; autocannon drives 50 concurrent connections at `/`, first as visitors
// (the public copy, app/cached-board/public), then signed in as a member (the members' copy, after the
// session has been checked against the database on every request). The web server sends both from
// the copies it keeps (lib/web-server/).
// `npm run bench:board` (builds first). Budget (issue 4): p99 < 100 ms at 50 connections.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import type { PresenceState } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/auth/passwords";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { freePort, startLocalStack } from "@/scripts/lib/local-stack";

const POSTS = Number(process.env.BENCH_POSTS ?? 5_000);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 300);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BENCH_EMAIL = "bench-member@example.org";
const BENCH_PASSWORD = "a bench password nobody uses";
const STATES: PresenceState[] = ["available", "away", "dnd", "xa", "chat", "offline"];

const dataDir = mkdtempSync(path.join(os.tmpdir(), "narthex-bench-board-"));
const stack = await startLocalStack({ dataDir, webPort: await freePort(), realtimePort: await freePort(), quiet: true });
try {
  const { db } = stack;
  const categories = await Promise.all(
    ["Announcements", "Prayer requests", "Events", "General"].map((name, position) =>
      db.category.upsert({ where: { slug: name.toLowerCase().replace(/ /g, "-") }, create: { slug: name.toLowerCase().replace(/ /g, "-"), name, position }, update: {} }),
    ),
  );
  const now = Date.now();
  // Fixture rows written directly: a benchmark measures reading, not the roster commands of 300 links.
  await db.member.createMany({
    data: Array.from({ length: MEMBERS }, (_, i) => ({
      id: `bench-member-${i}`,
      handle: `member-${i}`,
      displayName: `Member ${i}`,
      presenceVisibility: i % 3 === 0 ? "members" : "public",
    })),
  });
  await db.jabberLink.createMany({
    data: Array.from({ length: MEMBERS }, (_, i) => ({ memberId: `bench-member-${i}`, jid: `member-${i}@${stack.prosody.domain}`, verifiedAt: new Date(now) })),
  });
  await db.presence.createMany({
    data: Array.from({ length: MEMBERS }, (_, i) => ({ bareJid: `member-${i}@${stack.prosody.domain}`, state: STATES[i % STATES.length] ?? "offline", since: new Date(now - i * 60_000) })),
  });
  for (let start = 0; start < POSTS; start += 500) {
    await db.post.createMany({
      data: Array.from({ length: Math.min(500, POSTS - start) }, (_, k) => {
        const i = start + k;
        const at = new Date(now - i * 97_000);
        return {
          categoryId: categories[i % categories.length]?.id ?? "",
          authorId: `bench-member-${(i * 7) % MEMBERS}`,
          title: `Post number ${i}: notes from the week`,
          body: `Paragraph one of post ${i}. `.repeat(20),
          createdAt: at,
          // Every tenth thread is still busy: recent replies lift it above newer posts.
          lastActivityAt: i % 10 === 0 ? new Date(now - i * 1_000) : at,
          replyCount: i % 5,
          pinnedAt: i < 2 ? at : null,
        };
      }),
    });
  }

  const url = `${stack.webUrl}/`;
  await db.member.update({ where: { id: "bench-member-0" }, data: { email: BENCH_EMAIL, passwordHash: await hashPassword(BENCH_PASSWORD) } });
  const memberCookie = await signIn(stack.webUrl);
  let visitorsDots = 0;
  console.log(`board index ${url} — ${POSTS} posts, ${MEMBERS} members, ${CONNECTIONS} connections, ${SECONDS} s`);
  for (const [who, headers] of [
    ["visitors", {}],
    ["a signed-in member", { cookie: memberCookie }],
  ] as const) {
    const first = await fetch(url, { headers });
    if (!first.ok) throw new Error(`the board answered ${who} with ${first.status}`);
    // The member must get the members' copy, with the dots of authors who show their presence to
    // members only (a third of them); visitors the public one, without.
    const html = await first.text();
    const dots = html.split('class="presence-dot ').length - 1;
    if (who === "visitors") visitorsDots = dots;
    else if (dots <= visitorsDots) throw new Error(`${who} got no more presence dots (${dots}) than visitors (${visitorsDots})`);
    // Warm up (JIT, SQLite page cache), then measure.
    await autocannon({ url, headers, connections: 10, duration: 3 });
    const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
    const failures = result.non2xx + result.errors + result.timeouts;
    console.log(
      [
        `\n${who} (a page of ${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB, ${dots} presence dots):`,
        `requests/s: mean ${result.requests.average.toFixed(1)}   total ${result.requests.total}   failed ${failures}`,
        `latency ms: p50 ${result.latency.p50}   p90 ${result.latency.p90}   p99 ${result.latency.p99}   max ${result.latency.max}`,
        `budget p99 < 100 ms: ${result.latency.p99 < 100 && failures === 0 ? "met" : "NOT met"}`,
      ].join("\n"),
    );
  }
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Signs in through Auth.js's own endpoints, as a browser's form would, and returns the session cookie. */
async function signIn(webUrl: string): Promise<string> {
  const csrf = await fetch(`${webUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
  const response = await fetch(`${webUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ email: BENCH_EMAIL, password: BENCH_PASSWORD, csrfToken }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  if (!session) throw new Error(`signing in failed (${response.status})`);
  return session.split(";")[0] ?? "";
}
