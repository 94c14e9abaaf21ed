// Benchmark: delay from a member's XMPP client sending presence to a browser's socket.io client
// receiving the change, through a real Prosody and a real worker process writing to SQLite.
// `npm run bench:presence` (BENCH_CHANGES=1000 by default). Budget (issue 2): p99 < 50 ms.
// The changes go round 50 members, one after another: a member's own changes closer together than
// PRESENCE_COALESCE_MS are coalesced on purpose (a flapping client, presence-flapping test), so each
// member's next change waits until that much time has passed since its last.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { io } from "socket.io-client";
import { attachJabberId } from "@/lib/jabber-links/attach-jabber-id";
import { createMember } from "@/lib/members/create-member";
import type { MemberPresenceView } from "@/lib/presence/member-presence";
import { REALTIME_EVENTS } from "@/lib/realtime/events";
import { freePort, startLocalStack } from "@/scripts/lib/local-stack";
import { connectMemberClient, type MemberClient, type PresenceShow } from "@/scripts/lib/xmpp-test-client";
import { PRESENCE_COALESCE_MS } from "@/worker/worker";

const CHANGES = Number(process.env.BENCH_CHANGES ?? 1_000);
const WARMUP = 50;
const MEMBERS = 50;
const SHOWS: Array<PresenceShow | undefined> = [undefined, "away", "dnd", "xa", "chat"];

const dataDir = mkdtempSync(path.join(os.tmpdir(), "narthex-bench-"));
const stack = await startLocalStack({ dataDir, webPort: 0, realtimePort: await freePort(), quiet: true, web: false });
try {
  const members: Array<{ id: string; client: MemberClient; lastChangeAt: number }> = [];
  const socket = io(stack.realtimeUrl, { transports: ["websocket"] });
  let waiting: { memberId: string; status: string; resolve: () => void } | null = null;
  socket.on(REALTIME_EVENTS.updates, (views: MemberPresenceView[]) => {
    for (const view of views) if (waiting && view.memberId === waiting.memberId && view.statusText === waiting.status) waiting.resolve();
  });
  await new Promise<void>((resolve) => socket.once(REALTIME_EVENTS.snapshot, () => resolve()));

  const change = async (i: number): Promise<number> => {
    const member = members[((i % members.length) + members.length) % members.length]!;
    const since = performance.now() - member.lastChangeAt;
    if (since < PRESENCE_COALESCE_MS) await new Promise((resolve) => setTimeout(resolve, PRESENCE_COALESCE_MS - since));
    const status = `change ${i}`;
    const received = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`change ${i} never reached the socket`)), 10_000);
      waiting = { memberId: member.id, status, resolve: () => (clearTimeout(timer), resolve()) };
    });
    const start = performance.now();
    member.lastChangeAt = start;
    await member.client.sendPresence({ show: SHOWS[Math.floor(i / members.length) % SHOWS.length], status });
    await received;
    return performance.now() - start;
  };

  for (let m = 0; m < MEMBERS; m++) {
    const handle = `bench-${m}`;
    await stack.prosody.register(handle, "bench-password");
    // Public, so the benchmark's socket may follow them without signing in (the feed honours visibility).
    const created = await createMember(stack.db, { handle, displayName: `Bench ${m}`, presenceVisibility: "public" });
    if (!created.ok) throw new Error(created.error);
    const link = await attachJabberId(stack.db, { handle, jid: `${handle}@${stack.prosody.domain}` });
    if (!link.ok) throw new Error(link.error);
    const client = await connectMemberClient({ service: stack.prosody.service, domain: stack.prosody.domain, username: handle, password: "bench-password", resource: "bench", autoApproveFrom: [stack.botJid] });
    members.push({ id: created.value.id, client, lastChangeAt: -Infinity });
    // Initial presence: delivers and approves the bot's subscription request.
    await change(m - MEMBERS);
  }
  for (let i = 0; i < WARMUP; i++) await change(i);
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < CHANGES; i++) latencies.push(await change(WARMUP + i));
  const elapsed = (performance.now() - started) / 1000;

  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!.toFixed(1);
  const rows = await stack.db.presenceEvent.count();
  console.log(`presence -> socket.io latency over ${CHANGES} changes of ${MEMBERS} members (real Prosody, worker process, SQLite)`);
  console.log(`  p50 ${at(0.5)} ms   p95 ${at(0.95)} ms   p99 ${at(0.99)} ms   max ${at(1)} ms`);
  console.log(`  ${(CHANGES / elapsed).toFixed(0)} changes/s sequential; ${rows} history rows written`);
  console.log(`  budget p99 < 50 ms: ${Number(at(0.99)) < 50 ? "met" : "MISSED"}`);
  socket.close();
  await Promise.all(members.map((member) => member.client.stop()));
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
