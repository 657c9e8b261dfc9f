import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateSessionToken, SESSION_LIFETIME_MS, sessionIdFromToken } from "@frontrow/core";
import type postgres from "postgres";
import { emptyWaiterResult, type WaiterWorkerInput, type WaiterWorkerResult } from "./onsale-waiter-types";

/**
 * Watch-only fans for `--waiters`: accounts and sessions written straight to Postgres (signing 20,000 fans in
 * through argon2 would take minutes and measure nothing of the waiting room), 1,000 rows per statement.
 */
export async function insertWaiters(
  sql: postgres.Sql,
  count: number,
): Promise<Array<{ userId: string; token: string }>> {
  const waiters: Array<{ userId: string; token: string }> = [];
  // A sign-in's full lifetime: a session within its renewal window would cost every waiter's first request an
  // UPDATE of its expiry, which real fans who signed in for the on-sale never pay.
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS).toISOString();
  for (let i = 0; i < count; i += 1_000) {
    const rows = Array.from({ length: Math.min(1_000, count - i) }, (_, k) => ({
      email: `loadwaiter${i + k + 1}@frontrow.test`,
      name: `Load Waiter ${i + k + 1}`,
      password_hash: "no-sign-in",
    }));
    const users = await sql<Array<{ id: string }>>`insert into users ${sql(rows)} returning id`;
    const batch = users.map((user) => ({ userId: user.id, token: generateSessionToken() }));
    await sql`insert into sessions ${sql(
      batch.map(({ userId, token }) => ({
        id: sessionIdFromToken(token),
        user_id: userId,
        expires_at: expiresAt,
      })),
    )}`;
    waiters.push(...batch);
  }
  return waiters;
}

export interface WaitersOutcome
  extends Omit<WaiterWorkerResult, "joinErrors" | "subscribeErrors" | "closedWhileWaiting"> {
  joinErrors: Map<string, number>;
  subscribeErrors: Map<string, number>;
  closedWhileWaiting: Map<string, number>;
  /** CPU the waiter processes used, in core-seconds. */
  cpuSeconds: number;
}

/**
 * Runs the waiters in `processes` child processes (each its own share, round-robin over the instances) and
 * merges what they saw.
 */
export async function runWaiters(input: {
  eventId: string;
  urls: readonly string[];
  waiters: Array<{ userId: string; token: string }>;
  joinAt: number;
  stopAt: number;
  watchMs: number;
  processes: number;
  /** Joins in flight at once, over all processes. */
  concurrency: number;
  signal: AbortSignal;
}): Promise<WaitersOutcome> {
  const script = fileURLToPath(new URL("./onsale-waiter-worker.ts", import.meta.url));
  const shares = Array.from({ length: input.processes }, (_, p) =>
    input.waiters
      .filter((_, i) => i % input.processes === p)
      .map((waiter, i) => ({ ...waiter, base: input.urls[i % input.urls.length]! })),
  );
  const results = await Promise.all(
    shares.map(
      (waiters) =>
        new Promise<WaiterWorkerResult & { cpuSeconds: number }>((resolve, reject) => {
          const child = fork(script, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
          const stop = () => child.kill("SIGKILL");
          input.signal.addEventListener("abort", stop, { once: true });
          child.once("message", (message: { ok: boolean; result?: WaiterWorkerResult; error?: string }) => {
            input.signal.removeEventListener("abort", stop);
            if (!message.ok) return reject(new Error(`waiter process: ${message.error}`));
            const usage = readCpuSeconds(child.pid);
            resolve({ ...message.result!, cpuSeconds: usage });
          });
          child.once("exit", (code) => {
            if (code !== 0) reject(new Error(`waiter process exited with ${code}`));
          });
          const work: WaiterWorkerInput = {
            eventId: input.eventId,
            joinAt: input.joinAt,
            stopAt: input.stopAt,
            watchMs: input.watchMs,
            concurrency: Math.max(1, Math.round(input.concurrency / input.processes)),
            waiters,
          };
          child.send(work);
        }),
    ),
  );
  const merged: WaitersOutcome = {
    ...emptyWaiterResult(),
    joinErrors: new Map(),
    subscribeErrors: new Map(),
    closedWhileWaiting: new Map(),
    joinStartedAt: Math.min(...results.map((r) => r.joinStartedAt)),
    joinEndedAt: Math.max(...results.map((r) => r.joinEndedAt)),
    cpuSeconds: 0,
  };
  for (const r of results) {
    merged.joins += r.joins;
    merged.joinLatencies.push(...r.joinLatencies);
    for (const value of r.intervals) merged.intervals.push(value);
    merged.longestGaps.push(...r.longestGaps);
    merged.pushes += r.pushes;
    merged.admitted.push(...r.admitted);
    merged.movedBack += r.movedBack;
    merged.socketErrors += r.socketErrors;
    merged.neverPushed += r.neverPushed;
    for (const value of r.firstPushLatencies) merged.firstPushLatencies.push(value);
    for (const value of r.fanP95Intervals) merged.fanP95Intervals.push(value);
    merged.cpuSeconds += r.cpuSeconds;
    for (const [code, n] of Object.entries(r.joinErrors))
      merged.joinErrors.set(code, (merged.joinErrors.get(code) ?? 0) + n);
    for (const [code, n] of Object.entries(r.subscribeErrors))
      merged.subscribeErrors.set(code, (merged.subscribeErrors.get(code) ?? 0) + n);
    for (const [code, n] of Object.entries(r.closedWhileWaiting))
      merged.closedWhileWaiting.set(code, (merged.closedWhileWaiting.get(code) ?? 0) + n);
  }
  return merged;
}

/** utime + stime of a live process from /proc (0 where there is no /proc). */
function readCpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
