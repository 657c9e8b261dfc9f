import path from "node:path";
import type { FanClient } from "../client/fan-client";
import { freePort } from "../cluster/free-port";
import { httpReady } from "../cluster/http-ready";
import { ManagedProcess } from "../cluster/managed-process";
import { findWrk, runWrk, type WrkResult } from "../metrics/wrk";
import { format } from "../report/format";
import type { Table } from "./scenario";

/** Answers every request 200 "ok": what one process of this Node build serves when it has nothing to do. */
const BARE_HTTP_SERVER = `require("node:http").createServer((req, res) => res.end("ok")).listen(Number(process.env.PORT), "127.0.0.1");`;

const WRK = { seconds: 5, connections: 64 };

export interface CeilingRow {
  endpoint: string;
  result: WrkResult | { skipped: string };
}

export interface CeilingConfig {
  /** The capacity instance. */
  frontrowUrl: string;
  /** A signed-in fan, for auth.me with a session. */
  fan: FanClient;
  workDir: string;
  logDir: string;
  signal: AbortSignal;
  adopt(child: ManagedProcess): void;
}

/**
 * Why auth.me with these headers does not answer the user `expected` (null: anonymous), or undefined when it does:
 * checked once before wrk sends it many times and sees only status codes.
 */
async function authMeMismatch(
  url: string,
  headers: Record<string, string>,
  expected: string | null,
): Promise<string | undefined> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return `auth.me answered HTTP ${response.status}`;
    const body = (await response.json()) as { result?: { data?: { json?: { id?: string } | null } } };
    const id = body.result?.data?.json?.id ?? null;
    return id === expected
      ? undefined
      : `auth.me answered ${id ?? "anonymous"} instead of ${expected ?? "anonymous"}`;
  } catch (error) {
    return `auth.me failed: ${(error as Error).message}`;
  }
}

/**
 * The machine's ceiling beside Frontrow's cheapest answers, in the same run: requests/s of a bare `node:http`
 * server of the same Node build, then of `auth.me` on the capacity instance without and with a session, each under
 * `wrk -t1 -c64 -d5s`. Without wrk, every row is skipped with the reason.
 */
export async function measureCeiling(config: CeilingConfig): Promise<CeilingRow[]> {
  const endpoints = {
    bare: "bare node:http (same Node build), 200 ok",
    anonymous: "auth.me, anonymous",
    session: "auth.me with a session cookie",
  };
  const found = findWrk();
  if ("skipped" in found) return Object.values(endpoints).map((endpoint) => ({ endpoint, result: found }));
  const rows: CeilingRow[] = [];
  const measure = async (endpoint: string, url: string, headers?: Record<string, string>) => {
    try {
      rows.push({
        endpoint,
        result: await runWrk(found.wrk, url, { ...WRK, headers, signal: config.signal }),
      });
    } catch (error) {
      rows.push({ endpoint, result: { skipped: `wrk failed: ${(error as Error).message.split("\n")[0]}` } });
    }
  };

  const port = await freePort();
  const bare = new ManagedProcess({
    label: "bare-http",
    command: process.execPath,
    args: ["-e", BARE_HTTP_SERVER],
    env: { PORT: String(port) },
    cwd: config.workDir,
    port,
    logFile: path.join(config.logDir, "bare-http.log"),
    isReady: httpReady(port, "/"),
  });
  bare.start();
  config.adopt(bare);
  try {
    await bare.waitReady(10_000, config.signal);
    await measure(endpoints.bare, bare.url);
  } finally {
    await bare.stop();
  }

  const me = `${config.frontrowUrl}/trpc/auth.me`;
  const session = { cookie: `frontrow_session=${config.fan.sessionToken ?? ""}` };
  for (const [endpoint, headers, expected] of [
    [endpoints.anonymous, {}, null],
    [endpoints.session, session, config.fan.userId],
  ] as const) {
    const mismatch = await authMeMismatch(me, headers, expected);
    if (mismatch) rows.push({ endpoint, result: { skipped: mismatch } });
    else await measure(endpoint, me, headers);
  }
  return rows;
}

export function ceilingTable(rows: CeilingRow[]): Table {
  return {
    title: `Ceiling: requests/s under wrk -t1 -c${WRK.connections} -d${WRK.seconds}s, same machine, same run`,
    columns: ["endpoint", "requests/s", "requests", "non-2xx", "socket errors", "latency p50", "latency p99"],
    rows: rows.map(({ endpoint, result }) =>
      "skipped" in result
        ? [endpoint, `skipped: ${result.skipped}`, "", "", "", "", ""]
        : [
            endpoint,
            format.int(result.requestsPerSecond),
            format.int(result.requests),
            format.int(result.non2xx),
            format.int(result.socketErrors),
            result.p50Ms === undefined ? "–" : format.ms(result.p50Ms),
            result.p99Ms === undefined ? "–" : format.ms(result.p99Ms),
          ],
    ),
  };
}
