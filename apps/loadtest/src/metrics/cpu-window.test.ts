import { describe, expect, it } from "vitest";
import { processTree, ticksOf, treeTicks, type ProcessSnapshot } from "./cpu-window";

const snapshot = (...rows: Array<[pid: number, ppid: number, ticks: number, childTicks?: number]>) =>
  new Map(
    rows.map(([pid, ppid, ticks, childTicks = 0]) => [pid, { pid, ppid, comm: "node", ticks, childTicks }]),
  ) as ProcessSnapshot;

describe("processTree", () => {
  it("follows parents down any depth and leaves other processes out", () => {
    const tree = processTree(snapshot([1, 0, 0], [10, 1, 0], [11, 10, 0], [12, 11, 0], [20, 1, 0]), 10);
    expect([...tree].sort()).toEqual([10, 11, 12]);
    expect(processTree(snapshot([1, 0, 0]), 10).size).toBe(0);
  });
});

describe("treeTicks", () => {
  it("sums the root and its workers over the window", () => {
    const start = snapshot([10, 1, 100], [11, 10, 50], [12, 10, 70], [20, 1, 999]);
    const end = snapshot([10, 1, 130], [11, 10, 90], [12, 10, 75], [20, 1, 5_000]);
    expect(treeTicks(start, end, 10)).toBe(30 + 40 + 5);
  });

  it("counts a worker born in the window from zero", () => {
    const start = snapshot([10, 1, 100]);
    const end = snapshot([10, 1, 110], [13, 10, 25]);
    expect(treeTicks(start, end, 10)).toBe(10 + 25);
  });

  it("counts a worker that exited through its parent's children's ticks, less what it had used before", () => {
    // Worker 11 had used 50 at the start and 80 when it exited: the primary's children's ticks grow by 80.
    const start = snapshot([10, 1, 100], [11, 10, 50]);
    const end = snapshot([10, 1, 120, 80]);
    expect(treeTicks(start, end, 10)).toBe(20 + 30);
  });

  it("counts a worker that came and went inside the window", () => {
    const start = snapshot([10, 1, 100, 5]);
    const end = snapshot([10, 1, 100, 45]);
    expect(treeTicks(start, end, 10)).toBe(40);
  });
});

describe("ticksOf", () => {
  it("counts each process once, from zero when it started in the window", () => {
    const start = snapshot([30, 1, 10], [31, 1, 20]);
    const end = snapshot([30, 1, 15], [31, 1, 26], [32, 1, 4]);
    expect(ticksOf(start, end, [30, 31, 31, 32, 33])).toBe(5 + 6 + 4);
  });
});
