import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { findOnPath } from "../cluster/find-server-binaries";

export interface WrkResult {
  requests: number;
  requestsPerSecond: number;
  /** Answers other than 2xx or 3xx. */
  non2xx: number;
  /** Connect, read and write errors and timeouts together. */
  socketErrors: number;
  p50Ms: number | undefined;
  p99Ms: number | undefined;
}

const MS_PER_UNIT: Record<string, number> = { us: 0.001, ms: 1, s: 1_000, m: 60_000 };

function latencyMs(text: string, percentile: string): number | undefined {
  const match = new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m").exec(text);
  return match ? Number(match[1]) * (MS_PER_UNIT[match[2] ?? ""] ?? Number.NaN) : undefined;
}

/** Reads wrk's summary (of a run with --latency); throws when there is no `Requests/sec` line. */
export function parseWrkOutput(text: string): WrkResult {
  const rate = /^Requests\/sec:\s+([\d.]+)/m.exec(text);
  if (!rate) throw new Error(`wrk printed no Requests/sec:\n${text.trim()}`);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  return {
    requests: Number(/^\s*(\d+) requests in /m.exec(text)?.[1] ?? 0),
    requestsPerSecond: Number(rate[1]),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    p50Ms: latencyMs(text, "50"),
    p99Ms: latencyMs(text, "99"),
  };
}

/** wrk from the PATH, or why it cannot be used. */
export function findWrk(): { wrk: string } | { skipped: string } {
  const wrk = findOnPath("wrk");
  return wrk ? { wrk } : { skipped: "no wrk on the PATH" };
}

/** `wrk -t1 -c<connections> -d<seconds>s --latency [-H …] <url>`: one load thread, a fixed number of connections. */
export async function runWrk(
  wrk: string,
  url: string,
  options: { seconds: number; connections: number; headers?: Record<string, string>; signal: AbortSignal },
): Promise<WrkResult> {
  const headers = Object.entries(options.headers ?? {}).flatMap(([name, value]) => [
    "-H",
    `${name}: ${value}`,
  ]);
  const { stdout } = await promisify(execFile)(
    wrk,
    ["-t1", `-c${options.connections}`, `-d${options.seconds}s`, "--latency", ...headers, url],
    { signal: options.signal, timeout: (options.seconds + 15) * 1000 },
  );
  return parseWrkOutput(stdout);
}
