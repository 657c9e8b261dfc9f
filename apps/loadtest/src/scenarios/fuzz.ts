import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { appRouter } from "@frontrow/api";
import { invariant } from "../invariants/invariant-result";
import { paths } from "../paths";
import { format } from "../report/format";
import type { OwnStackScenario, RunContext, ScenarioResult } from "./scenario";

/** What apps/server/src/fuzz.test.ts writes to FUZZ_REPORT. */
interface FuzzReport {
  runs: number;
  seed: number;
  tally: Record<string, { statuses: Record<string, number>; problems: string[] }>;
}

/** The raw-transport property makes this many requests per procedure run (see fuzz.test.ts). */
const TRANSPORT_SHARE = 4;

/** Calls per procedure for about `total` calls in all: each procedure over HTTP, subscriptions also over the WebSocket, and the raw requests. */
export function runsPerProcedure(total: number, procedures: number, subscriptions: number): number {
  return Math.max(1, Math.round(total / (procedures + subscriptions + TRANSPORT_SHARE)));
}

/** Runs the fuzz suite of apps/server (vitest) with FUZZ_RUNS and FUZZ_SEED; resolves with its exit code and output. */
function runSuite(context: RunContext, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("pnpm", ["exec", "vitest", "run", "src/fuzz.test.ts", "--reporter=dot"], {
      cwd: path.join(paths.repoRoot, "apps/server"),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.length > 2_000_000) output = output.slice(-1_000_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const stop = () => child.kill("SIGTERM");
    context.signal.addEventListener("abort", stop, { once: true });
    child.on("error", reject);
    child.on("close", (code) => {
      context.signal.removeEventListener("abort", stop);
      resolve({ code: code ?? 1, output });
    });
  });
}

/**
 * The fuzz suite of `pnpm test`, run long: every procedure over HTTP with inputs derived from its zod schema and
 * bent into edge cases, as nobody, a fan and an organizer, and malformed raw requests, against a real server on its
 * own database and Redis prefix. It holds when no answer is a 5xx, none shows internals, every refusal says why and
 * no refused call changed a table or a Redis key.
 */
export const fuzz: OwnStackScenario = {
  name: "fuzz",
  stack: "own",
  async run(context: RunContext): Promise<ScenarioResult> {
    const { options, log } = context;
    const types = Object.values(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>).map(
      (procedure) => procedure._def.type,
    );
    const procedures = types.length;
    const perProcedure = runsPerProcedure(options.runs, procedures, types.filter((type) => type === "subscription").length);
    const reportFile = path.join(context.workDir, "fuzz-report.json");
    const started = performance.now();
    const windowStart = context.sampler.now();
    log(`fuzz: ${procedures} procedures × ${format.int(perProcedure)} calls, raw requests × ${TRANSPORT_SHARE}, seed ${options.seed}`);
    const { code, output } = await runSuite(context, {
      TEST_DATABASE_URL: options.postgresUrl,
      TEST_REDIS_URL: options.redisUrl,
      FUZZ_RUNS: String(perProcedure),
      FUZZ_SEED: String(options.seed),
      FUZZ_REPORT: reportFile,
    });
    const seconds = (performance.now() - started) / 1000;
    if (!existsSync(reportFile)) {
      throw new Error(`the fuzz suite wrote no report (exit ${code}); its output ends:\n${output.slice(-3_000)}`);
    }
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as FuzzReport;
    const entries = Object.entries(report.tally).sort(([a], [b]) => a.localeCompare(b));
    const count = (match: (status: number) => boolean) =>
      entries.reduce(
        (sum, [, entry]) =>
          sum + Object.entries(entry.statuses).reduce((n, [status, times]) => n + (match(Number(status)) ? times : 0), 0),
        0,
      );
    const calls = count(() => true);
    const problems = entries.flatMap(([name, entry]) => entry.problems.map((problem) => `${name}: ${problem}`));
    const of = (pattern: RegExp) => problems.filter((problem) => pattern.test(problem)).length;
    // fast-check names the seed and path that replay a failure; keep those lines for the report.
    const replays = output.split("\n").filter((line) => /\{ seed: -?\d+, path: /.test(line));

    return {
      name: "fuzz",
      title: "Fuzz: bad input for every procedure",
      setup:
        `apps/server's fuzz suite with ${format.int(perProcedure)} calls per procedure (${procedures} procedures, each as nobody, ` +
        `a fan and an organizer, inputs derived from its zod schema and bent into edge cases; subscriptions over HTTP and the WebSocket) ` +
        `and ${format.int(perProcedure * TRANSPORT_SHARE)} ` +
        `raw requests (odd methods, malformed URLs, bad JSON, wrong content types, huge batches), seed ${report.seed}, against one ` +
        "server on a database and Redis prefix of its own. A procedure stops at its first failure (the seed and path replay it).",
      window: [windowStart, context.sampler.now()],
      figures: [
        ["requests", `${format.int(calls)} in ${format.s(seconds)} (${format.rate(calls / seconds)}/s)`],
        ["answers", `${format.int(count((s) => s < 300))} 2xx, ${format.int(count((s) => s >= 400 && s < 500))} 4xx, ${format.int(count((s) => s >= 500))} 5xx`],
        ["suite exit code", String(code)],
      ],
      tables: [
        {
          title: "Answers per procedure",
          columns: ["procedure", "calls", "statuses", "problems"],
          rows: entries.map(([name, entry]) => [
            name,
            format.int(Object.values(entry.statuses).reduce((a, b) => a + b, 0)),
            Object.entries(entry.statuses)
              .map(([status, times]) => `${status}×${times}`)
              .join(" "),
            String(entry.problems.length),
          ]),
        },
      ],
      charts: [],
      invariants: [
        invariant("no answer is a 5xx", calls, of(/status 5\d\d|the server logged/), "a bad input is refused (4xx), never a server failure"),
        invariant("no internals in an answer", calls, of(/leaks /), "no SQL, Postgres or Redis text, stack frames or file paths"),
        invariant("a refusal says why", calls, of(/without an error message|unclear message/), "every 4xx carries a message"),
        invariant("a refused call changes nothing", calls, of(/a refused call/), "every table's rows and the test's Redis keys"),
        invariant("the suite passed", 1, code === 0 ? 0 : 1, code === 0 ? "vitest exit 0" : `vitest exit ${code}`),
      ],
      notes: [...problems.slice(0, 20), ...replays.slice(0, 10)],
    };
  },
};
