// CPU and memory of the processes a benchmark runs, read from Linux's /proc: each named group is a
// set of processes (with their descendants, e.g. PostgreSQL's backends under its postmaster, or the
// node process that the `tsx` command starts under itself), sampled at an interval. CPU is the time
// the group's processes spent on a core between start() and stop(), as a percentage of one core;
// memory is the peak over the samples of the group's summed RSS and of its summed PSS (proportional
// set size: pages shared between processes, such as PostgreSQL's shared buffers, counted once).
// The files are read asynchronously (on libuv's thread pool): a sample takes tens of milliseconds,
// which would otherwise stall the benchmark's own event loop.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";

export type ProcessGroup = {
  name: string;
  pids: () => number[];
  /** Count the processes' descendants too. */
  withDescendants: boolean;
};

export type GroupUsage = {
  name: string;
  /** Average CPU over the sampled period, % of one core. */
  cpuPercent: number;
  peakRssBytes: number;
  peakPssBytes: number;
  /** How many processes the group had at its last sample. */
  processes: number;
};

export type UsageSampler = { start(): Promise<void>; stop(): Promise<GroupUsage[]> };

type ProcStat = { ppid: number; cpuTicks: number; rssPages: number };

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
const PAGE_BYTES = Number(execFileSync("getconf", ["PAGESIZE"], { encoding: "utf8" }).trim()) || 4_096;

/** CPU ticks and RSS every `intervalMs`; PSS, dearer to read (the kernel walks page tables), every fourth time. */
export function createUsageSampler(groups: ProcessGroup[], intervalMs = 500): UsageSampler {
  // Per group: the CPU ticks each process had when first seen, and its latest.
  const first = groups.map(() => new Map<number, number>());
  const latest = groups.map(() => new Map<number, number>());
  const peaks = groups.map(() => ({ rss: 0, pss: 0, processes: 0 }));
  let timer: NodeJS.Timeout | null = null;
  let startedAt = 0;

  let samples = 0;
  const sample = async (initial: boolean) => {
    const withPss = samples++ % 4 === 0;
    const table = await readProcessTable();
    await Promise.all(
      groups.map(async (group, g) => {
        const members = membersOf(group, table);
        let rss = 0;
        for (const pid of members) {
          const stat = table.get(pid)!;
          // A process born after start() counts from zero; one seen at start() from what it had then.
          if (!first[g]!.has(pid)) first[g]!.set(pid, initial ? stat.cpuTicks : 0);
          latest[g]!.set(pid, stat.cpuTicks);
          rss += stat.rssPages * PAGE_BYTES;
        }
        const pss = withPss ? (await Promise.all(members.map(pssOf))).reduce((sum, bytes) => sum + bytes, 0) : 0;
        const peak = peaks[g]!;
        peak.rss = Math.max(peak.rss, rss);
        peak.pss = Math.max(peak.pss, pss);
        peak.processes = members.length;
      }),
    );
  };
  let sampling: Promise<void> = Promise.resolve();

  return {
    async start() {
      startedAt = performance.now();
      await sample(true);
      timer = setInterval(() => {
        // One sample at a time: a slow one is not overtaken by the next.
        sampling = sampling.then(() => sample(false));
      }, intervalMs);
    },
    async stop() {
      if (timer) clearInterval(timer);
      await sampling;
      await sample(false);
      const seconds = (performance.now() - startedAt) / 1_000;
      return groups.map((group, g) => {
        let ticks = 0;
        for (const [pid, last] of latest[g]!) ticks += last - (first[g]!.get(pid) ?? 0);
        return {
          name: group.name,
          cpuPercent: (ticks / TICKS_PER_SECOND / seconds) * 100,
          peakRssBytes: peaks[g]!.rss,
          peakPssBytes: peaks[g]!.pss,
          processes: peaks[g]!.processes,
        };
      });
    },
  };
}

function membersOf(group: ProcessGroup, table: Map<number, ProcStat>): number[] {
  const roots = group.pids().filter((pid) => table.has(pid));
  if (!group.withDescendants) return roots;
  const members = new Set(roots);
  // Parents may have larger pids than their children after pid wrap-around: repeat until stable.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, stat] of table) {
      if (!members.has(pid) && members.has(stat.ppid)) {
        members.add(pid);
        grew = true;
      }
    }
  }
  return [...members];
}

async function readProcessTable(): Promise<Map<number, ProcStat>> {
  const table = new Map<number, ProcStat>();
  const pids = (await readdir("/proc")).filter((entry) => /^\d+$/.test(entry));
  await Promise.all(
    pids.map(async (entry) => {
      try {
        const text = await readFile(`/proc/${entry}/stat`, "utf8");
        // proc(5): the command name is in parentheses and may hold spaces; fields follow the last ")".
        const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
        table.set(Number(entry), {
          ppid: Number(fields[1]),
          cpuTicks: Number(fields[11]) + Number(fields[12]), // utime + stime
          rssPages: Number(fields[21]),
        });
      } catch {
        // The process ended between the listing and the read.
      }
    }),
  );
  return table;
}

async function pssOf(pid: number): Promise<number> {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/smaps_rollup`, "utf8"));
    return match ? Number(match[1]) * 1_024 : 0;
  } catch {
    return 0;
  }
}

/** The pid in a pidfile (PostgreSQL's postmaster.pid and Prosody's hold it on their first line). */
export function pidFromFile(file: string): number[] {
  try {
    const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? [pid] : [];
  } catch {
    return [];
  }
}

/** This process's children whose command name is `name` (e.g. the HAProxy the stack started). */
export function childrenNamed(name: string, parent = process.pid): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = text.slice(text.indexOf("(") + 1, text.lastIndexOf(")"));
      const ppid = Number(text.slice(text.lastIndexOf(")") + 2).split(" ")[1]);
      if (comm === name && ppid === parent) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
