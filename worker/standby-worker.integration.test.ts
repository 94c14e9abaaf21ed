// Two and three real worker processes on one database, one bot account and one feed port (issue 8):
// only the worker lease's holder logs in; a standby takes over within seconds of the holder's
// SIGKILL, and of a SIGSTOP longer than the lease, after which the thawed holder steps down.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueCommand } from "@/lib/commands";
import { createDb } from "@/lib/db/client";
import { attachJabberId } from "@/lib/jabber-links/attach-jabber-id";
import { createMember } from "@/lib/members/create-member";
import { followFeed, type FeedFollower } from "@/scripts/lib/feed-follower";
import { BOT_USER, freePort, startLocalStack, type LocalStack, type WorkerProcess } from "@/scripts/lib/local-stack";
import { eventually } from "@/scripts/lib/test-stack";
import { connectMemberClient, xml, type MemberClient } from "@/scripts/lib/xmpp-test-client";
import { DEFAULT_LEASE_MS, DEFAULT_LEASE_RENEW_MS } from "@/worker/worker-lease";

const PASSWORD = "standby-test-password";
/** A standby takes the lease once it has lapsed (at most DEFAULT_LEASE_MS after the last renewal), at its next poll. */
const TAKE_LEASE_BOUND_MS = DEFAULT_LEASE_MS + DEFAULT_LEASE_RENEW_MS + 500;
/** ... and is live once logged in (SCRAM: 1.5 s here, more on a busy machine), the roster read and the burst settled. */
const LIVE_BOUND_MS = TAKE_LEASE_BOUND_MS + 6_000;

let dataDir: string;
let stack: LocalStack;
let amos: MemberClient;
let amosId: string;
let observer: MemberClient;
let feed: FeedFollower;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "narthex-standby-"));
  stack = await startLocalStack({ dataDir, webPort: 0, realtimePort: await freePort(), quiet: true, web: false });
  await stack.prosody.register("amos", PASSWORD);
  const member = await createMember(stack.db, { handle: "amos", displayName: "amos", presenceVisibility: "public" });
  if (!member.ok) throw new Error(member.error);
  amosId = member.value.id;
  const link = await attachJabberId(stack.db, { handle: "amos", jid: jidOf("amos") });
  if (!link.ok) throw new Error(link.error);
  amos = await connectMemberClient({ service: stack.prosody.service, domain: stack.prosody.domain, username: "amos", password: PASSWORD, resource: "phone", autoApproveFrom: [stack.botJid] });
  await amos.sendPresence();
  await eventually(async () => expect((await stack.db.presence.findUnique({ where: { bareJid: jidOf("amos") } }))?.state).toBe("available"), 20_000);
  // Another resource of the bot's own account hears every roster push (RFC 6121 §2.1.6).
  observer = await connectMemberClient({ service: stack.prosody.service, domain: stack.prosody.domain, username: BOT_USER, password: stack.botPassword, resource: "observer" });
  await observer.xmpp.iqCaller.get(xml("query", { xmlns: "jabber:iq:roster" }));
  feed = followFeed(stack.realtimeUrl);
  await eventually(() => expect(feed.live).toBe(true), 10_000);
}, 90_000);

afterAll(async () => {
  feed?.socket.close();
  for (const worker of workers) worker.signal("SIGCONT");
  await Promise.all(workers.map((worker) => worker.stop()));
  await Promise.all([amos, observer].filter(Boolean).map((c) => c.stop()));
  await stack?.stop();
  // KEEP_STANDBY_DATA=1 keeps the workers' logs (dataDir/logs) for reading after a failure.
  if (dataDir && !process.env.KEEP_STANDBY_DATA) rmSync(dataDir, { recursive: true, force: true });
});

function jidOf(handle: string): string {
  return `${handle}@${stack.prosody.domain}`;
}

function spawn(name: string): WorkerProcess {
  const worker = stack.spawnWorker(name);
  workers.push(worker);
  return worker;
}

const messages = (worker: WorkerProcess) => worker.logLines().map((line) => line.msg ?? "");
const logins = (worker: WorkerProcess) => messages(worker).filter((msg) => msg === "xmpp session online").length;
const conflicts = (worker: WorkerProcess) => worker.logLines().filter((line) => JSON.stringify(line).includes('"condition":"conflict"')).length;

/**
 * Waits until the worker with this pid holds the lease and the board's state says it is online;
 * checks how long after `since` it took the lease and went live, against the bounds.
 */
async function expectTakeover(pid: number, since: number, what: string): Promise<Date> {
  const { acquiredAt, onlineAt, startedAt } = await eventually(
    async () => {
      const lease = await stack.db.workerLease.findUniqueOrThrow({ where: { id: 1 } });
      expect(lease.holderName).toMatch(new RegExp(`pid ${pid}$`));
      const state = await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } });
      expect(state.xmppStatus).toBe("online");
      expect(state.startedAt.getTime()).toBeGreaterThan(since);
      return { acquiredAt: lease.acquiredAt.getTime(), onlineAt: Date.now(), startedAt: state.startedAt };
    },
    20_000,
    50,
  );
  console.info(`${what}: lease taken after ${acquiredAt - since} ms (bound ${TAKE_LEASE_BOUND_MS}), live after ${onlineAt - since} ms (bound ${LIVE_BOUND_MS})`);
  expect(acquiredAt - since).toBeLessThan(TAKE_LEASE_BOUND_MS);
  expect(onlineAt - since).toBeLessThan(LIVE_BOUND_MS);
  return startedAt;
}

/** Roster pushes the bot's account received naming this contact name. */
function pushesNaming(name: string): number {
  return observer.stanzas
    .filter((s) => s.is("iq") && s.attrs.type === "set")
    .flatMap((s) => s.getChild("query", "jabber:iq:roster")?.getChildren("item") ?? [])
    .filter((item) => item.attrs.name === name).length;
}

/** For `ms`, the board's worker state is always "online", written by the lease holder `pid` (told by its `startedAt`). */
async function expectSteadilyOnline(pid: number, ms: number): Promise<void> {
  const { startedAt } = await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } });
  const seen = new Set<string>();
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(100)) {
    const [state, lease] = await Promise.all([stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } }), stack.db.workerLease.findUniqueOrThrow({ where: { id: 1 } })]);
    seen.add(`${state.xmppStatus} by the worker started at ${state.startedAt.toISOString()}; lease held by ${lease.holderName.replace(/^.* pid /, "pid ")}`);
  }
  expect([...seen]).toEqual([`online by the worker started at ${startedAt.toISOString()}; lease held by pid ${pid}`]);
}

describe("a standby worker", () => {
  let standby: WorkerProcess;

  it("does not log in while the holder lives, and takes over within the bound when the holder is killed: presence right, the queued command done once", async () => {
    const holderPid = stack.workerPid() ?? -1;
    standby = spawn("standby");
    await eventually(() => expect(messages(standby).some((msg) => msg.startsWith("standing by: worker ") && msg.includes(`pid ${holderPid} holds the bot's XMPP session`))).toBe(true), 20_000, 100);
    // Several lease periods' worth of polls: the standby never logs in, so the holder is never kicked.
    await expectSteadilyOnline(holderPid, 2 * DEFAULT_LEASE_MS);
    expect(logins(standby)).toBe(0);
    expect(conflicts(standby)).toBe(0);
    expect(feed.live).toBe(true);

    const killedAt = Date.now();
    await stack.stopWorker("SIGKILL");
    // During the handover a member changes presence and a moderator's command is queued.
    await amos.sendPresence({ show: "away", status: "during the handover" });
    const rename = await enqueueCommand(stack.db, "roster.update", { jid: jidOf("amos"), name: "amos renamed in the handover", groups: ["Choir"] });

    await expectTakeover(standby.pid, killedAt, "takeover after SIGKILL");
    expect(messages(standby)).toContain(`taking over the bot's XMPP session: the lease of worker ${os.hostname()} pid ${holderPid} has lapsed`);

    await eventually(async () => expect(await stack.db.command.findUniqueOrThrow({ where: { id: rename.id } })).toMatchObject({ status: "done", attempts: 1 }), 10_000);
    await eventually(async () =>
      expect(await stack.db.presence.findUniqueOrThrow({ where: { bareJid: jidOf("amos") } })).toMatchObject({ state: "away", statusText: "during the handover" }),
    );
    const history = await stack.db.presenceEvent.findMany({ where: { bareJid: jidOf("amos") }, orderBy: { id: "asc" } });
    expect(history.at(-1)).toMatchObject({ fromState: "available", toState: "away", statusText: "during the handover" });
    // The browser's feed reconnected to the same address, now served by the new holder.
    await eventually(() => {
      expect(feed.live).toBe(true);
      expect(feed.states.get(amosId)).toBe("away");
    }, 10_000);
    await sleep(1_000); // a doubled rename would have been pushed by now
    expect(pushesNaming("amos renamed in the handover")).toBe(1);
    expect(logins(standby)).toBe(1);
  }, 90_000);

  it("takes over from a holder frozen past its lease, which steps down when it thaws, without a conflict loop or a stale write", async () => {
    const frozen = standby;
    const third = spawn("third");
    await eventually(() => expect(messages(third).some((msg) => msg.includes(`pid ${frozen.pid} holds the bot's XMPP session`))).toBe(true), 20_000, 100);

    // Frozen in the middle of a write, the holder would keep SQLite's write lock and every writer,
    // the standby too, would wait for it to thaw (docs/reliability.md): freeze it between writes.
    let frozenAt = 0;
    const quickDb = createDb(stack.databaseUrl, { busyTimeoutMs: 200 });
    const rename = await eventually(
      async () => {
        frozenAt = Date.now();
        frozen.signal("SIGSTOP");
        try {
          return await enqueueCommand(quickDb, "roster.update", { jid: jidOf("amos"), name: "amos renamed while frozen", groups: ["Choir"] });
        } catch (error) {
          frozen.signal("SIGCONT");
          throw error;
        }
      },
      10_000,
      300,
    );
    await quickDb.$disconnect();
    await amos.sendPresence({ show: "dnd", status: "while frozen" });

    const thirdStartedAt = await expectTakeover(third.pid, frozenAt, "takeover from a frozen holder");
    await eventually(async () => expect(await stack.db.command.findUniqueOrThrow({ where: { id: rename.id } })).toMatchObject({ status: "done", attempts: 1 }), 10_000);
    await eventually(async () =>
      expect(await stack.db.presence.findUniqueOrThrow({ where: { bareJid: jidOf("amos") } })).toMatchObject({ state: "dnd", statusText: "while frozen" }),
    );

    // Thawed, the old holder finds another worker in the lease and stands by; it writes nothing
    // (the board's state stays the new holder's "online") and never logs in again.
    const loginsBeforeThaw = logins(frozen);
    frozen.signal("SIGCONT");
    await eventually(() => expect(messages(frozen).some((msg) => msg.includes(`pid ${third.pid} has taken over the bot's XMPP session; this worker stops its own and stands by`))).toBe(true), 10_000, 100);
    await expectSteadilyOnline(third.pid, 2 * DEFAULT_LEASE_MS);
    expect((await stack.db.workerState.findUniqueOrThrow({ where: { id: 1 } })).startedAt).toEqual(thirdStartedAt);
    expect(logins(frozen)).toBe(loginsBeforeThaw);
    expect(logins(third)).toBe(1);
    expect(conflicts(third)).toBe(0);
    expect(messages(frozen).filter((msg) => msg.startsWith("standing by: worker ")).at(-1)).toContain(`pid ${third.pid} holds the bot's XMPP session`);

    const history = await stack.db.presenceEvent.findMany({ where: { bareJid: jidOf("amos") }, orderBy: { id: "asc" } });
    expect(history.at(-1)).toMatchObject({ toState: "dnd", statusText: "while frozen" });
    expect(await stack.db.command.findUniqueOrThrow({ where: { id: rename.id } })).toMatchObject({ status: "done", attempts: 1 });
    expect(pushesNaming("amos renamed while frozen")).toBe(1);
    // Once the thawed worker let the feed's port go, the new holder serves it: the browser is live again.
    await eventually(() => {
      expect(feed.live).toBe(true);
      expect(feed.states.get(amosId)).toBe("dnd");
    }, 15_000);
  }, 90_000);
});
