import { writeFileSync } from "node:fs";
import { appRouter } from "@frontrow/api";
import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { arbitraryFor } from "./fuzz/zod-arbitrary";
import { edgeValue, HUGE_STRINGS } from "./fuzz/edge-cases";
import {
  changesBetween,
  problemsOf,
  ROLES,
  sendRaw,
  serialized,
  startFuzzTarget,
  type CallForm,
  type FuzzTarget,
  type HttpAnswer,
  type RawRequest,
  type Role,
} from "./fuzz/fuzz-target";

/**
 * The fuzz suite: every tRPC procedure of the router (a new one is covered without touching this file) is called
 * over real HTTP, on a real server with its own Postgres database and Redis prefix, with inputs derived from its zod
 * schema and bent into edge cases, as nobody, as a fan and as an organizer. Whatever comes in, the answer is never
 * a 5xx, never shows internals, a refusal says why, and a refused call changes nothing (every table's rows and the
 * test's Redis keys are compared before and after).
 *
 * Bounded for `pnpm test`: FUZZ_RUNS calls per procedure (default 12; four times as many raw requests) from a fixed
 * seed (FUZZ_SEED, default below), so CI is reproducible; a failure prints the seed and path to replay it. The long
 * run: `pnpm loadtest --scenario fuzz --runs 20000` (apps/loadtest/README.md), which reads the tally of answers this
 * writes to FUZZ_REPORT.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_206);
/**
 * A test's time limit for `runs` calls: about 25 ms a call on a busy 2-core machine, far more once a long run has
 * grown the tables. Generous on purpose: a property cut off by the limit goes on calling in the background and
 * would disturb the next procedure's snapshots.
 */
const timeoutFor = (runs: number) => Math.max(60_000, runs * 500);

interface Call {
  role: Role;
  form: CallForm;
  input: unknown;
}

let target: FuzzTarget;

/** Per procedure (or "transport"): how many answers of each status, and what went wrong. */
const tally: Record<string, { statuses: Record<string, number>; problems: string[] }> = {};

function record(name: string, status: number, problems: string[]) {
  const entry = (tally[name] ??= { statuses: {}, problems: [] });
  entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
  entry.problems.push(...problems.slice(0, Math.max(0, 5 - entry.problems.length)));
}

beforeAll(async () => {
  target = await startFuzzTarget();
}, 60_000);

afterAll(async () => {
  if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify({ runs: RUNS, seed: SEED, tally }, null, 2));
  await target?.close();
});

/** Sends one request and says what went wrong with it: the answer, the server log, and a refused call's changes. */
async function checked(name: string, send: () => Promise<HttpAnswer>, options: { headOnly?: boolean } = {}): Promise<string[]> {
  const before = await target.snapshot();
  const logged = target.errorLines.length;
  const answer = await send();
  // A HEAD answer has no body to carry a message; its status still must not be a 5xx.
  const problems = options.headOnly ? problemsOf({ ...answer, status: answer.status >= 500 ? answer.status : 200 }) : problemsOf(answer);
  for (const line of target.errorLines.slice(logged)) problems.push(`the server logged: ${JSON.stringify(line).slice(0, 600)}`);
  if (answer.status >= 400) {
    const changes = changesBetween(before, await target.snapshot());
    if (changes.length > 0) problems.push(`a refused call (${answer.status}) changed: ${changes.join("; ")}`);
  }
  record(name, answer.status, problems);
  return problems;
}

async function check(path: string, type: string, call: Call): Promise<string[]> {
  const problems = await checked(path, () => target.call(path, type, call.input, call.role, call.form));
  if (path === "auth.logout") await target.restoreSessions();
  return problems.map((problem) => `${path} as ${call.role} (${call.form}): ${problem}`);
}

// Organizers' procedures last: they pause, end and cancel the events the fans' calls aim at.
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string; inputs: unknown[] } }>).sort(
  ([a], [b]) => Number(a.startsWith("admin.")) - Number(b.startsWith("admin.")),
);

describe("fuzz: every procedure over HTTP", () => {
  test("the router has procedures to fuzz, and a snapshot sees a change to a row or a Redis key", async () => {
    expect(procedures.length).toBeGreaterThan(40);
    const before = await target.snapshot();
    await target.sql`update venues set name = name || '!'`;
    await target.redis.set("{e:fuzz}:probe", "1");
    const changes = changesBetween(before, await target.snapshot());
    await target.sql`update venues set name = left(name, -1)`;
    await target.redis.del("{e:fuzz}:probe");
    expect(changes).toEqual([expect.stringMatching(/^table venues: 1:-?\d+ → 1:-?\d+$/), "Redis {e:fuzz}:probe"]);
    expect(changesBetween(before, await target.snapshot())).toEqual([]);
  });

  for (const [index, [path, procedure]] of procedures.entries()) {
    const { type, inputs } = procedure._def;
    const schema = inputs[0];
    // Built when first generated: the ids to aim at exist once the server is up (beforeAll).
    let built: fc.Arbitrary<Call> | undefined;
    const calls = fc.constant(null).chain(() => {
      built ??= fc.record({
        role: fc.constantFrom(...ROLES),
        form: fc.constantFrom<CallForm>("superjson", "superjson", "superjson", "batch", "raw"),
        input: schema
          ? fc.oneof(
              { weight: 3, arbitrary: arbitraryFor(schema, target.hints, false) },
              { weight: 5, arbitrary: arbitraryFor(schema, target.hints, true) },
              { weight: 1, arbitrary: edgeValue() },
            )
          : fc.oneof(fc.constant(undefined), edgeValue()),
      });
      return built;
    });
    test.prop([calls], { numRuns: RUNS, seed: SEED + index, endOnFailure: true })(
      `${path} (${type}): no 5xx, no internals, a clear refusal, nothing changed by it`,
      async (call) => {
        expect(await check(path, type, call)).toEqual([]);
      },
      timeoutFor(RUNS),
    );
  }

  test("huge strings in a mutation's body are refused with a message", async () => {
    const problems: string[] = [];
    const mutations = procedures.filter(([, procedure]) => procedure._def.type === "mutation");
    for (const [i, [path]] of mutations.entries()) {
      const huge = HUGE_STRINGS[i % HUGE_STRINGS.length];
      problems.push(...(await check(path, "mutation", { role: "admin", form: "superjson", input: { name: huge, eventId: huge, email: huge } })));
    }
    expect(problems).toEqual([]);
  }, timeoutFor(100));
});

const METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "M-SEARCH"];
const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-16",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/jsonx",
  "",
];
const BAD_PATHS = ["", "%", "%E0%A4%A", "%00", "%ZZ", "auth.me%00", "..%2F..%2Fetc%2Fpasswd", "__proto__", "constructor", "a.b.c.d", "auth", "auth.", ".me", "\u00e9"];
const BAD_QUERIES = [
  "",
  "?batch=1",
  "?batch=1&input=",
  "?input=",
  "?input=%E0%A4%A",
  "?input=not%20json",
  "?input=null",
  "?input=%7B%22json%22%3A1%2C%22meta%22%3A%7B%22values%22%3A%5B%22Date%22%5D%7D%7D",
  "?batch=1&input=%5B1%2C2%5D",
  "?batch=1&input=%7B%220%22%3Anull%2C%2299%22%3A1%7D",
  "?input=" + encodeURIComponent(JSON.stringify({ json: { a: 1 }, meta: { values: { a: ["custom", "evil"] } } })),
  "?input=" + encodeURIComponent(JSON.stringify({ json: { a: "x" }, meta: { values: { a: ["Date"] } } })),
  "?input=" + encodeURIComponent(JSON.stringify({ json: { a: 1 }, meta: { referentialEqualities: { a: ["__proto__.polluted"] } } })),
  "?input=" + "%5B".repeat(3_000),
];
const BAD_BODIES = [
  "",
  "{",
  "null",
  "[]",
  '"text"',
  "1e400",
  '{"json":',
  '{"0":{"json":{"eventId":"x"}},"1":1}',
  "\u0000",
  "\uFEFF{}",
  '{"json":{"__proto__":{"polluted":true}}}',
  JSON.stringify({ json: { a: "2020-01-01" }, meta: { values: { a: ["Date"] }, v: 1 } }),
  JSON.stringify({ json: { a: 1 }, meta: { values: { "__proto__.polluted": ["bigint"] } } }),
  JSON.stringify({ json: { a: 1 }, meta: { values: { a: [["custom", "x"]] } } }),
  "[".repeat(400_000) + "]".repeat(400_000),
  '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000),
];

describe("fuzz: the HTTP transport", () => {
  const procedureNames = procedures.map(([path]) => path);
  const requests: fc.Arbitrary<RawRequest & { role: Role }> = fc.record({
    role: fc.constantFrom(...ROLES),
    method: fc.oneof({ weight: 3, arbitrary: fc.constantFrom("GET", "POST") }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
    target: fc
      .tuple(
        fc.oneof(
          fc.constantFrom(...procedureNames),
          fc.constantFrom(...BAD_PATHS),
          fc.array(fc.constantFrom(...procedureNames, ""), { minLength: 2, maxLength: 1_500 }).map((paths) => paths.join(",")),
        ),
        fc.constantFrom(...BAD_QUERIES),
      )
      .map(([path, query]) => `/trpc/${path}${query}`),
    headers: fc.record(
      {
        "Content-Type": fc.constantFrom(...CONTENT_TYPES),
        "trpc-accept": fc.constantFrom("application/jsonl", "text/event-stream", "x"),
        "X-Request-Id": fc.constantFrom("a".repeat(65), "../../x", "%00", "ok-id"),
        "Accept-Encoding": fc.constantFrom("gzip", "br", "x"),
      },
      { requiredKeys: [] },
    ),
    body: fc.oneof(fc.constantFrom(...BAD_BODIES), fc.string({ unit: "binary", maxLength: 200 })),
  });

  test.prop([requests], { numRuns: RUNS * 4, seed: SEED - 1, endOnFailure: true })(
    "odd methods, malformed URLs and percent-encoding, bad JSON, wrong content types, huge batches: a clear refusal",
    async ({ role, ...request }) => {
      const cookie = target.cookies[role];
      const problems = await checked(
        "transport",
        () => sendRaw(target.base, { ...request, headers: cookie ? { ...request.headers, Cookie: cookie } : request.headers }),
        { headOnly: request.method === "HEAD" },
      );
      expect(problems.map((problem) => `${request.method} ${request.target.slice(0, 200)}: ${problem}`)).toEqual([]);
    },
    timeoutFor(RUNS * 4),
  );
});

describe("fuzz: subscriptions over the WebSocket", () => {
  const subscriptions = procedures.filter(([, procedure]) => procedure._def.type === "subscription");

  for (const [index, [path, procedure]] of subscriptions.entries()) {
    const schema = procedure._def.inputs[0];
    let built: fc.Arbitrary<{ role: Role; frame: "message" | "garbage"; input: unknown; garbage: string }> | undefined;
    const subscribes = fc.constant(null).chain(() => {
      built ??= fc.record({
        role: fc.constantFrom(...ROLES),
        frame: fc.constantFrom<"message" | "garbage">("message", "message", "message", "garbage"),
        input: fc.oneof(
          { weight: 3, arbitrary: arbitraryFor(schema, target.hints, false) },
          { weight: 5, arbitrary: arbitraryFor(schema, target.hints, true) },
          { weight: 1, arbitrary: edgeValue() },
        ),
        garbage: fc.oneof(
          // "[]" is an empty batch of messages: nothing to answer.
          fc.constantFrom(...BAD_BODIES.slice(0, 14).filter((body) => body !== "[]")),
          fc.constant(JSON.stringify({ id: 1, method: "subscription", params: { path: `${path}x`, input: null } })),
          fc.constant(JSON.stringify({ id: 1, method: "query", params: { path: "auth.me" }, jsonrpc: "1.0" })),
        ),
      });
      return built;
    });
    test.prop([subscribes], { numRuns: RUNS, seed: SEED + 1_000 + index, endOnFailure: true })(
      `${path}: a bad subscription is refused with a clear message, never INTERNAL_SERVER_ERROR`,
      async ({ role, frame, input, garbage }) => {
        const socket = await target.openSocket(role);
        try {
          const problems = await checked(path, () =>
            frame === "garbage"
              ? socket.send(garbage, null)
              : socket.send(JSON.stringify({ id: 7, method: "subscription", params: { path, input: serialized(input) } }), 7),
          );
          expect(problems.map((problem) => `${path} as ${role} over the WebSocket (${frame}): ${problem}`)).toEqual([]);
        } finally {
          socket.close();
        }
      },
      timeoutFor(RUNS),
    );
  }
});
