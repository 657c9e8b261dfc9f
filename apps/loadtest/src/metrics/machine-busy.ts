import { readFileSync } from "node:fs";
import { sleep } from "../util/sleep";

function ticks(): { busy: number; total: number } {
  const values = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "")
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  return { busy: total - (values[3] ?? 0) - (values[4] ?? 0), total };
}

/** Share of all cores (%) busy over `ms`, before the run adds its own load: other work skews every figure. */
export async function machineBusy(ms = 1_000): Promise<number> {
  const before = ticks();
  await sleep(ms);
  const after = ticks();
  return after.total > before.total ? (100 * (after.busy - before.busy)) / (after.total - before.total) : 0;
}
