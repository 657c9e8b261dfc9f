import { readFileSync } from "node:fs";

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // A zombie has released everything; only its exit status waits to be collected.
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/**
 * Blocks until every pid has exited (or is a zombie), at most `timeoutMs`: for the exit handler, which cannot
 * await, before it removes folders the processes were writing to.
 */
export function waitForExitSync(pids: number[], timeoutMs: number): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive) && Date.now() < deadline) Atomics.wait(pause, 0, 0, 20);
}
