import { clockTicksPerSecond, readProcesses, type ProcStat } from "./process-sampler";

/** Every process's CPU ticks at one moment, by pid. */
export type ProcessSnapshot = ReadonlyMap<number, ProcStat>;

/** `root` and every process below it, following each process's parent through the snapshot. */
export function processTree(snapshot: ProcessSnapshot, root: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of snapshot.values()) {
    let list = children.get(ppid);
    if (!list) children.set(ppid, (list = []));
    list.push(pid);
  }
  const tree = new Set<number>();
  if (!snapshot.has(root)) return tree;
  const pending = [root];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    if (tree.has(pid)) continue;
    tree.add(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

const lifetimeTicks = (entry: ProcStat) => entry.ticks + entry.childTicks;

/**
 * Clock ticks a process tree (a server's primary and its workers) used between two snapshots. Its members are the
 * tree at either end. A member alive at the end counts what it and its waited-for children used since the start
 * (all of it if born since). A member that exited meanwhile reaches its parent's children's ticks once waited for,
 * with everything it ever used, so what it had used before the start is taken off; a worker that came and went
 * inside the window is counted the same way, through its parent.
 */
export function treeTicks(start: ProcessSnapshot, end: ProcessSnapshot, root: number): number {
  const before = processTree(start, root);
  const members = new Set([...before, ...processTree(end, root)]);
  let ticks = 0;
  for (const pid of members) {
    const now = end.get(pid);
    const then = before.has(pid) ? start.get(pid) : undefined;
    ticks += (now ? lifetimeTicks(now) : 0) - (then ? lifetimeTicks(then) : 0);
  }
  return ticks;
}

/** Clock ticks these processes used between two snapshots; one born since counts from zero, one gone is lost. */
export function ticksOf(start: ProcessSnapshot, end: ProcessSnapshot, pids: Iterable<number>): number {
  let ticks = 0;
  for (const pid of new Set(pids)) {
    const now = end.get(pid);
    if (now) ticks += now.ticks - (start.get(pid)?.ticks ?? 0);
  }
  return ticks;
}

/** What to measure: a process tree by its root's pid, or processes found by a look-up (e.g. Postgres backends). */
export type CpuSource =
  { label: string; tree: () => number | undefined } | { label: string; pids: () => Promise<number[]> };

export interface CpuUse {
  windowMs: number;
  /** CPU time per source, ms; NaN for a tree whose root was gone or replaced at either end. */
  cpuMs: Map<string, number>;
  /** This process (the load generator), ms. */
  generatorMs: number;
  /** Processes of each tree when the window closed (a server's primary and its workers). */
  treeSizes: Map<string, number>;
}

let ticksPerSecond: number | undefined;

async function readAll(sources: CpuSource[]) {
  // The look-ups first, so the /proc pass and the clock are read together.
  const pids = await Promise.all(sources.map((source) => ("pids" in source ? source.pids() : [])));
  return {
    at: performance.now(),
    generator: process.cpuUsage(),
    processes: new Map(readProcesses().map((entry) => [entry.pid, entry])) as ProcessSnapshot,
    roots: sources.map((source) => ("tree" in source ? source.tree() : undefined)),
    pids,
  };
}

/**
 * Reads the sources' CPU from /proc at the start of a window; `close()` reads it again and returns what each used
 * in between (and what this process used, from process.cpuUsage).
 */
export async function openCpuWindow(sources: CpuSource[]): Promise<{ close(): Promise<CpuUse> }> {
  ticksPerSecond ??= clockTicksPerSecond();
  const hz = ticksPerSecond;
  const start = await readAll(sources);
  return {
    async close() {
      const end = await readAll(sources);
      const cpuMs = new Map<string, number>();
      const treeSizes = new Map<string, number>();
      sources.forEach((source, i) => {
        const root = start.roots[i];
        if (root !== undefined) treeSizes.set(source.label, processTree(end.processes, root).size);
        const ticks =
          "tree" in source
            ? root !== undefined && root === end.roots[i]
              ? treeTicks(start.processes, end.processes, root)
              : Number.NaN
            : ticksOf(start.processes, end.processes, [...(start.pids[i] ?? []), ...(end.pids[i] ?? [])]);
        cpuMs.set(source.label, (ticks / hz) * 1000);
      });
      const generator = process.cpuUsage(start.generator);
      return {
        windowMs: end.at - start.at,
        cpuMs,
        generatorMs: (generator.user + generator.system) / 1000,
        treeSizes,
      };
    },
  };
}
