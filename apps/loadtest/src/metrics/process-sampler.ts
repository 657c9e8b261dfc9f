import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface ProcessSample {
  /** Seconds since the sampler started. */
  t: number;
  label: string;
  /** 0 for a group of processes. */
  pid: number;
  /** NaN for a group of processes. */
  rssMb: number;
  /** Percent of one core over the last interval (200 = two cores busy). */
  cpuPct: number;
}

export interface SampledTarget {
  label: string;
  pid: number | undefined;
  /**
   * Count the CPU of its child processes too, and leave RSS out (a Postgres postmaster forks a backend per
   * connection; shared memory would be counted once per backend).
   */
  withChildren?: boolean;
}

/**
 * A group of processes we did not start but want to see (all Postgres backends, redis-server), summed. Processes
 * that are targets, or children of a target sampled with its children, are left out of every group.
 */
export interface SampledGroup {
  label: string;
  /** Matches /proc/<pid>/comm. */
  comm: RegExp;
}

export interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime in clock ticks. */
  ticks: number;
  /** cutime + cstime: what its children that have exited and been waited for used, in clock ticks. */
  childTicks: number;
}

/** One pass over /proc: name, parent and CPU ticks of every process (fields 2, 4 and 14–17 of its stat). */
export function readProcesses(): ProcStat[] {
  const processes: ProcStat[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The name is in parentheses and may itself contain spaces or parentheses.
      const open = stat.indexOf("(");
      const close = stat.lastIndexOf(")");
      const fields = stat.slice(close + 2).split(" ");
      processes.push({
        pid: Number(entry),
        comm: stat.slice(open + 1, close),
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
        childTicks: Number(fields[13]) + Number(fields[14]),
      });
    } catch {
      // gone meanwhile
    }
  }
  return processes;
}

export function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

function rssMb(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Busy and total jiffies of the whole machine, from the first line of /proc/stat. */
function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((sum, value) => sum + value, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/**
 * Samples RSS and CPU of each target process every `intervalMs` from /proc, plus the whole machine's CPU use.
 * Targets are re-read each tick, so restarted instances (new pids) are followed.
 */
export class ProcessSampler {
  readonly samples: ProcessSample[] = [];
  readonly machine: Array<{ t: number; cpuPct: number }> = [];
  readonly cores: number;
  private readonly ticksPerSecond = clockTicksPerSecond();
  private readonly previous = new Map<number, { ticks: number; at: number }>();
  private previousMachine = machineTicks();
  private readonly timer: NodeJS.Timeout;
  private readonly startedAt = performance.now();

  constructor(
    private readonly targets: () => SampledTarget[],
    private readonly groups: SampledGroup[] = [],
    intervalMs = 1_000,
  ) {
    this.cores = Number(
      readFileSync("/proc/cpuinfo", "utf8")
        .split("\n")
        .filter((line) => line.startsWith("processor")).length,
    );
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.sample();
  }

  /** Seconds since the sampler started: the run's clock for every time series. */
  now(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  /**
   * CPU % of one core of `pids` together since the previous tick. A process first seen now counts from zero (a
   * backend born since the last tick); one seen before counts from its previous ticks.
   */
  private cpuOf(pids: ProcStat[], t: number): number {
    let cpuPct = 0;
    for (const { pid, ticks } of pids) {
      const last = this.previous.get(pid);
      this.previous.set(pid, { ticks, at: t });
      cpuPct +=
        ((ticks - (last?.ticks ?? 0)) / this.ticksPerSecond / Math.max(0.001, t - (last?.at ?? t - 1))) * 100;
    }
    return cpuPct;
  }

  private sample(): void {
    const t = this.now();
    const processes = readProcesses();
    const byPid = new Map(processes.map((entry) => [entry.pid, entry]));
    const targets = this.targets().filter(
      (target): target is SampledTarget & { pid: number } =>
        target.pid !== undefined && byPid.has(target.pid),
    );
    const claimed = new Set(targets.map((target) => target.pid));
    const parents = new Set(targets.filter((target) => target.withChildren).map((target) => target.pid));
    for (const entry of processes) if (parents.has(entry.ppid)) claimed.add(entry.pid);

    for (const { label, pid, withChildren } of targets) {
      const rss = withChildren ? Number.NaN : rssMb(pid);
      if (rss === undefined) continue;
      const seenBefore = this.previous.has(pid);
      const children = withChildren ? processes.filter((entry) => entry.ppid === pid) : [];
      const cpuPct = this.cpuOf([byPid.get(pid)!, ...children], t);
      if (seenBefore) this.samples.push({ t, label, pid, rssMb: rss, cpuPct });
    }
    for (const group of this.groups) {
      const members = processes.filter((entry) => !claimed.has(entry.pid) && group.comm.test(entry.comm));
      const cpuPct = this.cpuOf(members, t);
      // RSS of a group is left out: shared memory would be counted once per backend.
      if (members.length > 0 && t > 0.5)
        this.samples.push({ t, label: group.label, pid: 0, rssMb: Number.NaN, cpuPct });
    }
    const machine = machineTicks();
    if (machine && this.previousMachine && machine.total > this.previousMachine.total) {
      const busy = machine.busy - this.previousMachine.busy;
      const total = machine.total - this.previousMachine.total;
      this.machine.push({ t, cpuPct: (busy / total) * 100 });
    }
    this.previousMachine = machine;
  }

  /** Mean CPU (% of one core) over [from, to] of the labels that match, summed over those labels. */
  meanCpu(from: number, to: number, match: (label: string) => boolean): number {
    const perLabel = new Map<string, number[]>();
    for (const sample of this.samples) {
      if (sample.t < from || sample.t > to + 0.5 || !match(sample.label)) continue;
      let list = perLabel.get(sample.label);
      if (!list) perLabel.set(sample.label, (list = []));
      list.push(sample.cpuPct);
    }
    let sum = 0;
    for (const list of perLabel.values()) sum += list.reduce((a, b) => a + b, 0) / list.length;
    return sum;
  }

  /** The latest sample of each label. */
  latest(): Map<string, ProcessSample> {
    const latest = new Map<string, ProcessSample>();
    for (const sample of this.samples) latest.set(sample.label, sample);
    return latest;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
