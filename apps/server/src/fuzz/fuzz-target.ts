import { createHash } from "node:crypto";
import net from "node:net";
import { manualClock, TEST_CARDS } from "@frontrow/core";
import { createTestDatabase, createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { createRedis, type Redis } from "@frontrow/redis";
import { createTestRedis } from "@frontrow/redis/testing";
import type { Sql } from "postgres";
import superjson from "superjson";
import WebSocket from "ws";
import { createApp } from "../app";
import { createMetrics } from "../metrics";
import { collectingLogger, testServerDeps } from "../test-instances";
import type { ArbitraryHints } from "./zod-arbitrary";

/** Who makes a call: nobody signed in, a fan, or an organizer. */
export type Role = "anonymous" | "fan" | "admin";
export const ROLES: readonly Role[] = ["anonymous", "fan", "admin"];

export interface HttpAnswer {
  status: number;
  text: string;
}

/** What a request must never show: SQL, Postgres or Redis error text, stack frames, file paths, JS errors. */
export const LEAKS: ReadonlyArray<[string, RegExp]> = [
  ["SQL", /failed query|\bparams:|\b(from|into|update|join)\s+"\w+"|\bselect\s+("|\*|count\(|distinct\b)/i],
  ["Postgres error", /postgres|syntax error at or near|invalid input (syntax|value)|violates|duplicate key|relation "|column "|out of range for type|invalid byte sequence|unsupported Unicode/i],
  ["Redis error", /\bERR\b|WRONGTYPE|NOSCRIPT|ioredis|redis|lua|script:/i],
  ["stack frame", /\n\s+at |\bat [\w$.<>]+ \(.*:\d+:\d+\)/],
  ["file path", /\/work\/|\/home\/|node_modules|\.[cm]?[jt]s:\d+/],
  ["JavaScript error", /TypeError|RangeError|ReferenceError|SyntaxError: |Cannot read propert|is not a function|Maximum call stack|Invalid time value/],
];

/** The message a refusal carries, whichever form it has (tRPC's error, a batch of them, or ours outside tRPC). */
export function refusalMessages(text: string): string[] | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const one = (entry: unknown): string | undefined => {
    const error = (entry as { error?: unknown } | null)?.error;
    if (typeof error === "string") return error;
    const shaped = (error as { json?: { message?: unknown }; message?: unknown } | undefined) ?? undefined;
    const message = shaped?.json?.message ?? shaped?.message;
    return typeof message === "string" ? message : undefined;
  };
  const entries = Array.isArray(body) ? body.filter((entry) => (entry as { error?: unknown } | null)?.error !== undefined) : [body];
  const messages = entries.map(one);
  return messages.every((message): message is string => message !== undefined) ? messages : undefined;
}

/** What is wrong with an answer: a 5xx, internals shown, a refusal without a clear message. Empty: nothing. */
export function problemsOf(answer: HttpAnswer): string[] {
  const problems: string[] = [];
  if (answer.status === 0) problems.push(`no answer: ${answer.text.slice(0, 200)}`);
  if (answer.status >= 500) problems.push(`status ${answer.status}`);
  if (answer.status >= 400) {
    for (const [what, pattern] of LEAKS) {
      const found = pattern.exec(answer.text);
      if (found) problems.push(`leaks ${what}: …${answer.text.slice(Math.max(0, found.index - 40), found.index + 80)}…`);
    }
    const messages = refusalMessages(answer.text);
    if (!messages) problems.push(`a ${answer.status} without an error message: ${answer.text.slice(0, 200)}`);
    else if (messages.some((message) => message.trim().length < 8)) problems.push(`an unclear message: ${JSON.stringify(messages)}`);
  }
  return problems;
}

export interface Snapshot {
  /** Per table: its row count and a digest of its rows (the sum of their hashes). */
  tables: Record<string, string>;
  /** Per Redis key of the test (rate-limit counters aside): a digest of its value. */
  keys: Record<string, string>;
}

/** The keys and rows that differ between two snapshots. */
export function changesBetween(before: Snapshot, after: Snapshot): string[] {
  const changed: string[] = [];
  for (const table of new Set([...Object.keys(before.tables), ...Object.keys(after.tables)])) {
    if (before.tables[table] !== after.tables[table]) changed.push(`table ${table}: ${before.tables[table]} → ${after.tables[table]}`);
  }
  for (const key of new Set([...Object.keys(before.keys), ...Object.keys(after.keys)])) {
    if (before.keys[key] !== after.keys[key]) changed.push(`Redis ${key}`);
  }
  return changed;
}

/** One HTTP request written byte for byte: odd methods, malformed URLs and bodies fetch() would not send. */
export interface RawRequest {
  method: string;
  /** The request target as sent, percent-encoding and all. */
  target: string;
  headers: Record<string, string>;
  body: string;
}

/** Decodes a chunked body (Node answers so when it does not know the length up front). */
function dechunk(body: string): string {
  let out = "";
  let rest = body;
  for (;;) {
    const end = rest.indexOf("\r\n");
    const size = Number.parseInt(rest.slice(0, end), 16);
    if (end === -1 || !Number.isFinite(size) || size === 0) return out;
    out += rest.slice(end + 2, end + 2 + size);
    rest = rest.slice(end + 2 + size + 2);
  }
}

/** Sends `request` on its own connection and reads the answer until the server closes it (or 30 s pass, the server's own request timeout). */
export function sendRaw(base: string, request: RawRequest): Promise<HttpAnswer> {
  const { hostname, port } = new URL(base);
  const body = Buffer.from(request.body, "utf8");
  const head = [
    `${request.method} ${request.target} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    "Connection: close",
    ...(request.method === "GET" || request.method === "HEAD" ? [] : [`Content-Length: ${body.length}`]),
    ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
  ].join("\r\n");
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const started = performance.now();
    const socket = net.connect(Number(port), hostname, () => socket.end(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, "latin1"), body])));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => {});
    socket.on("close", () => {
      const answer = Buffer.concat(chunks).toString("utf8");
      if (answer === "") {
        resolve({ status: 0, text: `the connection closed after ${Math.round(performance.now() - started)} ms without an answer` });
        return;
      }
      const split = answer.indexOf("\r\n\r\n");
      const headers = answer.slice(0, split);
      const text = answer.slice(split + 4);
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0),
        text: /^transfer-encoding: chunked/im.test(headers) ? dechunk(text) : text,
      });
    });
    setTimeout(() => socket.destroy(), 30_000).unref();
  });
}

/** A WebSocket on /trpc as one role, sending frames as they are and reading tRPC's answers. */
export interface FuzzSocket {
  /** Sends `frame` and resolves with the first answer naming `id` (any answer when `id` is null), or a timeout. */
  send(frame: string, id: number | null): Promise<HttpAnswer>;
  close(): void;
}

/**
 * A tRPC WebSocket answer as an HTTP one, for the same checks: an error's HTTP status (500 for
 * INTERNAL_SERVER_ERROR) and its text; a started subscription or data is a 200.
 */
function wsAnswer(message: string): HttpAnswer {
  const parsed = JSON.parse(message) as { error?: { data?: { httpStatus?: number }; code?: number } };
  if (!parsed.error) return { status: 200, text: message };
  return { status: parsed.error.data?.httpStatus ?? (parsed.error.code === -32603 ? 500 : 400), text: message };
}

export interface FuzzTarget {
  base: string;
  /** The server's database and Redis (its key prefix applied), for tests of the snapshot itself. */
  sql: Sql;
  redis: Redis;
  cookies: Record<Role, string>;
  hints: ArbitraryHints;
  /** Error lines the server logged ("procedure failed", "request failed"): every one is a 500 somewhere. */
  errorLines: Array<Record<string, unknown>>;
  snapshot(): Promise<Snapshot>;
  /** Calls a procedure over HTTP (GET for queries and subscriptions, POST for mutations) as `role`. */
  call(path: string, type: string, input: unknown, role: Role, form?: CallForm): Promise<HttpAnswer>;
  /** Opens a WebSocket on /trpc with the role's cookie. */
  openSocket(role: Role): Promise<FuzzSocket>;
  /** Signs the role in again if a call ended its session (`auth.logout`). */
  restoreSessions(): Promise<void>;
  close(): Promise<void>;
}

/** How a call is put on the wire: superjson as the client sends it, a batch of one, or raw JSON without superjson. */
export type CallForm = "superjson" | "batch" | "raw";

/** The input as superjson puts it on the wire; what superjson refuses to walk (a `__proto__` key) goes as plain JSON. */
export function serialized(input: unknown): unknown {
  try {
    return superjson.serialize(input);
  } catch {
    return { json: input };
  }
}

function encode(input: unknown, form: CallForm): string {
  const wire = form === "raw" ? input : form === "batch" ? { 0: serialized(input) } : serialized(input);
  try {
    return JSON.stringify(wire) ?? "null";
  } catch {
    // JSON cannot hold it (a BigInt where superjson gave up, a cycle): the call carries null.
    return "null";
  }
}

/**
 * A JSON text in canonical form: keys sorted, and an empty object and an empty array alike (Lua's cjson cannot tell
 * them apart, so a hold written back by a script may swap one for the other without changing what it means).
 */
function canonicalJson(text: string): unknown {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.length === 0 ? "[]" : value.map(canonical);
    if (value !== null && typeof value === "object") {
      const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
      return entries.length === 0 ? "[]" : Object.fromEntries(entries.map(([key, item]) => [key, canonical(item)]));
    }
    return value;
  };
  if (!/^[[{]/.test(text)) return text;
  try {
    return canonical(JSON.parse(text));
  } catch {
    return text;
  }
}

/** What a Redis key holds, whatever its type, with JSON members in canonical form. */
async function redisValue(redis: Redis, key: string): Promise<unknown> {
  const type = await redis.type(key);
  switch (type) {
    case "string":
      return canonicalJson((await redis.get(key)) ?? "");
    case "hash":
      return Object.entries(await redis.hgetall(key))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([field, value]) => [field, canonicalJson(value)]);
    case "zset":
      return await redis.zrange(key, 0, -1, "WITHSCORES");
    case "set":
      return (await redis.smembers(key)).sort();
    case "list":
      return await redis.lrange(key, 0, -1);
    case "none":
      return "gone";
    default:
      return `${type}:${(await redis.dumpBuffer(key))?.toString("base64") ?? ""}`;
  }
}

const digest = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 16);

const PASSWORD = "correct horse battery";

/**
 * One real server (the app of main.ts, on a database and Redis prefix of its own) with data to aim at: a venue with
 * reserved and standing sections, events on sale, scheduled and with a waiting room, a fan with a hold and an order,
 * and an organizer.
 */
export async function startFuzzTarget(): Promise<FuzzTarget> {
  const database = await createTestDatabase();
  const redisStore = createTestRedis();
  const services = { database, redisStore, clock: manualClock(new Date()) };
  const { logger, lines: errorLines } = collectingLogger("error");
  const deps = testServerDeps(services);
  const app = createApp({ deps, logger, metrics: createMetrics() });
  const { port } = await app.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${port}`;
  const raw = createRedis(redisStore.url);
  const sql = database.sql;

  const post = async (path: string, input: unknown, cookie = "") => {
    const response = await fetch(`${base}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify(superjson.serialize(input)),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`setup: ${path} answered ${response.status}: ${text}`);
    const cookieSet = response.headers.getSetCookie()[0]?.split(";")[0];
    return { data: (superjson.deserialize((JSON.parse(text) as { result: { data: never } }).result.data) as unknown), cookie: cookieSet };
  };
  const signIn = async (email: string) => (await post("auth.login", { email, password: PASSWORD })).cookie!;

  const emails = { fan: "fuzz-fan@example.com", admin: "fuzz-organizer@example.com" };
  const cookies: Record<Role, string> = { anonymous: "", fan: "", admin: "" };
  cookies.fan = (await post("auth.register", { email: emails.fan, password: PASSWORD, name: "Fuzz Fan" })).cookie!;
  cookies.admin = (await post("auth.register", { email: emails.admin, password: PASSWORD, name: "Fuzz Organizer" })).cookie!;
  await sql`update users set role = 'admin' where email = ${emails.admin}`;

  const venue = await createTestVenue(database.db, {
    sections: [
      { name: "A", rows: 3, seatsPerRow: 6 },
      { name: "Floor", generalAdmission: 200 },
    ],
  });
  const onSale = await createTestEvent(database.db, { venueId: venue.venueId });
  const scheduled = await createTestEvent(database.db, {
    venueId: venue.venueId,
    status: "scheduled",
    onSaleAt: new Date(services.clock.now().getTime() + 86_400_000),
  });
  const queued = await createTestEvent(database.db, { venueId: venue.venueId, waitingRoomEnabled: true });

  const hold = (await post("holds.create", { eventId: onSale.eventId, seatIds: [venue.seats[0]!.id] }, cookies.fan)).data as { holdId: string };
  const bought = (await post("holds.create", { eventId: onSale.eventId, seatIds: [venue.seats[1]!.id] }, cookies.fan)).data as { holdId: string };
  const card = { cardNumber: TEST_CARDS.approved, expMonth: 12, expYear: 2099, cvc: "123", name: "Fuzz Fan" };
  const order = (await post("checkout.complete", { holdId: bought.holdId, idempotencyKey: "fuzz-order-1", payment: card }, cookies.fan))
    .data as { orderId?: string; order?: { id: string } };
  const orderId = order.orderId ?? order.order?.id;
  const [user] = await sql<Array<{ id: string }>>`select id from users where email = ${emails.fan}`;
  const [audit] = await sql<Array<{ id: string }>>`select id::text from audit_log limit 1`;

  const eventIds = [onSale.eventId, scheduled.eventId, queued.eventId];
  const seatIds = venue.seats.slice(0, 6).map((seat) => seat.id);
  const sectionIds = venue.sections.map((section) => section.id);
  const hints: ArbitraryHints = {
    ids: [venue.venueId, ...sectionIds, ...seatIds, ...eventIds, onSale.tierId, ...(orderId ? [orderId] : []), ...(user ? [user.id] : [])],
    byField: {
      eventId: eventIds,
      venueId: [venue.venueId],
      sectionId: sectionIds,
      sectionIds,
      seatIds,
      tierId: [onSale.tierId],
      holdId: [hold.holdId, bought.holdId],
      orderId: orderId ? [orderId] : [],
      subjectId: [venue.venueId, onSale.eventId],
      cursor: audit ? [audit.id] : [],
      cardNumber: [TEST_CARDS.approved, TEST_CARDS.declined, TEST_CARDS.insufficientFunds],
      password: [PASSWORD],
      email: [emails.fan, emails.admin],
      timezone: ["Europe/Paris", "America/New_York"],
    },
  };

  const tables = (
    await sql<Array<{ tablename: string }>>`select tablename from pg_tables where schemaname = 'public' order by tablename`
  ).map((row) => row.tablename);
  const snapshotQuery = tables
    .map(
      (table) =>
        // Order-independent, so no sort: a long run's tables grow to hundreds of thousands of seats.
        `select '${table}' as name, count(*)::text || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0)::text as state from "${table}" t`,
    )
    .join(" union all ");

  async function snapshot(): Promise<Snapshot> {
    const rows = await sql.unsafe<Array<{ name: string; state: string }>>(snapshotQuery);
    const keys: Record<string, string> = {};
    let cursor = "0";
    const found: string[] = [];
    do {
      const [next, batch] = await raw.scan(cursor, "MATCH", `${redisStore.keyPrefix}*`, "COUNT", 1000);
      cursor = next;
      found.push(...batch);
    } while (cursor !== "0");
    // Rate-limit counters count refusals: that is their job, not a partial change.
    // Rate-limit windows (`rl:…`, or `{e:<id>}:rl:…` per event) count refused requests too: that is their job.
    const kept = found.filter((key) => !/^(\{e:[^}]+\}:)?rl:/.test(key.slice(redisStore.keyPrefix.length))).sort();
    const values = await Promise.all(kept.map((key) => redisValue(raw, key)));
    kept.forEach((key, i) => {
      keys[key.slice(redisStore.keyPrefix.length)] = digest(JSON.stringify(values[i]));
    });
    return { tables: Object.fromEntries(rows.map((row) => [row.name, row.state])), keys };
  }

  async function call(path: string, type: string, input: unknown, role: Role, form: CallForm = "superjson"): Promise<HttpAnswer> {
    const batch = form === "batch" ? "?batch=1" : "";
    const headers: Record<string, string> = { cookie: cookies[role] };
    let response: Response;
    if (type === "mutation") {
      response = await fetch(`${base}/trpc/${path}${batch}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: input === undefined ? undefined : encode(input, form),
      });
    } else {
      const query = input === undefined ? "" : `input=${encodeURIComponent(encode(input, form))}`;
      const search = [batch.slice(1), query].filter(Boolean).join("&");
      response = await fetch(`${base}/trpc/${path}${search ? `?${search}` : ""}`, { headers });
    }
    return { status: response.status, text: await response.text() };
  }

  async function openSocket(role: Role): Promise<FuzzSocket> {
    const socket = new WebSocket(`${base.replace("http", "ws")}/trpc`, { headers: { cookie: cookies[role] } });
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    const waiting: Array<{ id: number | null; resolve: (answer: HttpAnswer) => void }> = [];
    socket.on("message", (data: Buffer) => {
      const text = data.toString("utf8");
      const id = (JSON.parse(text) as { id?: unknown }).id;
      const at = waiting.findIndex((waiter) => waiter.id === null || waiter.id === id);
      if (at !== -1) waiting.splice(at, 1)[0]!.resolve(wsAnswer(text));
    });
    return {
      send(frame, id) {
        return new Promise((resolve) => {
          const waiter = { id, resolve };
          waiting.push(waiter);
          socket.send(frame);
          setTimeout(() => {
            const at = waiting.indexOf(waiter);
            if (at === -1) return;
            waiting.splice(at, 1);
            resolve({ status: 0, text: `no answer within 5 s (socket ${socket.readyState === WebSocket.OPEN ? "open" : "closed"})` });
          }, 5_000).unref();
        });
      },
      close: () => socket.close(),
    };
  }

  async function restoreSessions(): Promise<void> {
    for (const role of ["fan", "admin"] as const) {
      const me = await fetch(`${base}/trpc/auth.me`, { headers: { cookie: cookies[role] } });
      const body = (await me.json()) as { result?: { data?: { json?: unknown } } };
      if (!body.result?.data?.json) cookies[role] = await signIn(emails[role]);
    }
  }

  return {
    base,
    sql,
    redis: redisStore.redis,
    cookies,
    hints,
    errorLines,
    snapshot,
    call,
    openSocket,
    restoreSessions,
    async close() {
      await app.close(500);
      await Promise.all([deps.changeBus.close(), deps.queueHeads.close(), deps.sessionCache.close()]);
      raw.disconnect();
      await Promise.all([database.drop(), redisStore.cleanup()]);
    },
  };
}
