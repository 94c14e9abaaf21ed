// Benchmark: the badge endpoint beside Prosody's own mod_webpresence (Debian's prosody-modules),
// in one run, under the same load, for the same members in the same state. The whole product runs
// as in production (worker serving badges, the web server, private Prosody with its HTTP port, SQLite); every member is
// a real XMPP client logged in with a status, and both servers are asked for the same members' images
// in turn. `npm run bench:badge` (builds first). Budget (issue 6): at least mod_webpresence's
// requests/s, and p99 < 20 ms.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { attachJabberId } from "@/lib/jabber-links/attach-jabber-id";
import { createMember } from "@/lib/members/create-member";
import { freePort, startLocalStack } from "@/scripts/lib/local-stack";
import { connectMemberClient, type MemberClient, type PresenceShow } from "@/scripts/lib/xmpp-test-client";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PASSWORD = "bench-member-password";
const SHOWS: (PresenceShow | undefined)[] = [undefined, "away", "dnd", "xa", "chat"];

const dataDir = mkdtempSync(path.join(os.tmpdir(), "narthex-bench-badge-"));
const stack = await startLocalStack({
  dataDir,
  webPort: await freePort(),
  realtimePort: await freePort(),
  quiet: true,
  prosody: { http: true, extraModules: ["webpresence"] },
});
const clients: MemberClient[] = [];
try {
  const { db, prosody } = stack;
  const handles = Array.from({ length: MEMBERS }, (_, i) => `member-${i}`);
  for (const [i, handle] of handles.entries()) {
    await prosody.register(handle, PASSWORD);
    const created = await createMember(db, { handle, displayName: `Member ${i}`, presenceVisibility: "public" });
    if (!created.ok) throw new Error(created.error);
    const linked = await attachJabberId(db, { handle, jid: `${handle}@${prosody.domain}` });
    if (!linked.ok) throw new Error(linked.error);
    const client = await connectMemberClient({ service: prosody.service, domain: prosody.domain, username: handle, password: PASSWORD, resource: "bench", autoApproveFrom: [stack.botJid] });
    clients.push(client);
    await client.sendPresence({ show: SHOWS[i % SHOWS.length], status: `Status of member ${i} <b>&</b>` });
  }
  await waitUntilEveryBadgeIsLive(stack.webUrl, handles);

  const targets = [
    { name: "Narthex SVG badge", urls: handles.map((handle) => `${stack.realtimeUrl}/badges/${handle}.svg`) },
    { name: "Narthex PNG badge", urls: handles.map((handle) => `${stack.realtimeUrl}/badges/${handle}.png`) },
    { name: "mod_webpresence PNG", urls: handles.map((handle) => `${prosody.httpUrl}/status/${handle}@${prosody.domain}`) },
  ];
  console.log(`badges — ${MEMBERS} members online, ${CONNECTIONS} connections, ${SECONDS} s each, requests cycle through the members`);
  const results = new Map<string, autocannon.Result>();
  for (const target of targets) {
    const first = await fetch(target.urls[0]!);
    if (!first.ok) throw new Error(`${target.name} answered ${first.status}`);
    const requests = target.urls.map((url) => ({ method: "GET" as const, path: new URL(url).pathname }));
    const origin = new URL(target.urls[0]!).origin;
    await autocannon({ url: origin, requests, connections: 10, duration: 3 });
    const result = await autocannon({ url: origin, requests, connections: CONNECTIONS, duration: SECONDS });
    results.set(target.name, result);
    const failures = result.non2xx + result.errors + result.timeouts;
    console.log(
      [
        `\n${target.name}:`,
        `requests/s: mean ${result.requests.average.toFixed(1)}   total ${result.requests.total}   failed ${failures}`,
        `latency ms: p50 ${result.latency.p50}   p90 ${result.latency.p90}   p99 ${result.latency.p99}   max ${result.latency.max}`,
      ].join("\n"),
    );
  }
  const prosodyRate = results.get("mod_webpresence PNG")!.requests.average;
  for (const name of ["Narthex SVG badge", "Narthex PNG badge"]) {
    const result = results.get(name)!;
    const failures = result.non2xx + result.errors + result.timeouts;
    const met = result.requests.average >= prosodyRate && result.latency.p99 < 20 && failures === 0;
    console.log(`\n${name}: ${(result.requests.average / prosodyRate).toFixed(2)}× mod_webpresence's requests/s, p99 ${result.latency.p99} ms — budget (≥ 1×, p99 < 20 ms): ${met ? "met" : "NOT met"}`);
  }
} finally {
  await Promise.all(clients.map((client) => client.stop()));
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Both servers must serve the same state: wait until the worker has every member's presence. */
async function waitUntilEveryBadgeIsLive(webUrl: string, handles: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${webUrl}/api/presence`);
    const body = (await response.json()) as { members?: { handle: string; state: string }[] };
    const online = new Set((body.members ?? []).filter((member) => !["offline", "unknown"].includes(member.state)).map((member) => member.handle));
    if (handles.every((handle) => online.has(handle))) return;
    if (Date.now() > deadline) throw new Error(`only ${online.size} of ${handles.length} members are online on the board after a minute`);
    await sleep(250);
  }
}
