import { parseArgs } from "node:util";

export const SCENARIOS = [
  "race",
  "fanout",
  "onsale",
  "strategies",
  "faults",
  "failover",
  "capacity",
  "abuse",
  "fuzz",
  "map",
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** The hold strategies `strategies` compares, in the order it runs them. */
export const STRATEGIES = ["lua", "setnx-pg", "pg-optimistic", "pg-row-lock", "frontrow"] as const;
export type StrategyName = (typeof STRATEGIES)[number];

/** What `pnpm loadtest` runs without --scenario: the on-sale story (strategies, faults, capacity, abuse, fuzz are opt-in). */
export const DEFAULT_SCENARIOS: ScenarioName[] = ["race", "fanout", "onsale"];
/** What `pnpm loadtest --cluster` runs without --scenario. */
export const DEFAULT_CLUSTER_SCENARIOS: ScenarioName[] = ["race", "fanout", "failover"];

export interface Options {
  quick: boolean;
  scenarios: ScenarioName[];
  /** Fans per scenario (race, onsale, faults); each scenario has its own default. The first of a `--fans` list. */
  fans: number | undefined;
  /** `capacity`'s phases, one per fan count (`--fans 200,50`); unset: its default. */
  fanPhases: number[] | undefined;
  /** Seats in play: the hot block of `race`/`strategies`, the seats on sale in `onsale`. */
  seats: number | undefined;
  /** The strategies `strategies` runs (default: all of them). */
  strategies: StrategyName[];
  /** Seconds of load per timed phase. */
  durationS: number | undefined;
  instances: number;
  /** WebSocket watchers of `fanout`. */
  subscribers: number | undefined;
  /** Watch-only fans of `onsale` (join, then only watch their position), on top of the shopping fans. */
  waiters: number;
  paymentLatencyMs: number;
  /** Calls the fuzz scenario makes in all, spread over every procedure and the raw transport. */
  runs: number;
  /** Complete runs of the fault drills, each on fresh servers (per invariant: in how many it held). */
  repeat: number;
  keep: boolean;
  seed: number;
  postgresUrl: string;
  /** One instance on its own embedded Postgres and in-process Redis (`--embedded`), as `pnpm start` without them. */
  embedded: boolean;
  redisUrl: string;
  /** Run the shared stack on a Redis Cluster of the run's own (3 masters, 3 replicas) instead of `redisUrl`. */
  cluster: boolean;
  help: boolean;
}

export const USAGE = `Usage: pnpm loadtest [options]

  --quick                 small and short (finishes in under two minutes on 2 cores)
  --scenario <list>       race | fanout | onsale | strategies | faults | failover | capacity | abuse |
                          fuzz | map | all, comma-separated (default: race,fanout,onsale;
                          with --cluster: race,fanout,failover)
  --fans <n>[,<n>…]       fans per scenario (race 500, onsale 500, strategies 300, faults 200;
                          --quick: 150/150/100/80); capacity runs one phase per number (default
                          200,50), the other scenarios take the first
  --seats <n>             seats in play (race/strategies: hot block of section 101; onsale: seats
                          on sale, default 380, --quick 200)
  --strategies <list>     strategies: which to run, comma-separated, from lua, setnx-pg,
                          pg-optimistic, pg-row-lock, frontrow (default: all; ratios need lua)
  --duration <s>          seconds of load per timed phase (race 30, fanout 20, strategies 20 each,
                          faults 60, capacity 20 each; --quick: 8/8/6/30/8; faults at least 20)
  --instances <n>         Frontrow server instances (default 2; faults uses at least 2)
  --embedded              one instance on its own embedded Postgres (PGlite) and in-process Redis,
                          as \`pnpm start\` runs with neither installed (race, fanout, onsale, map)
  --subscribers <n>       WebSocket watchers for fanout (default 2000; --quick 500; up to 10000)
  --waiters <n>           onsale: watch-only fans joining the line at the on-sale on top of the
                          shoppers (default 0; up to 50000), each with its own queue.onStatus socket
  --payment-latency <ms>  simulated payment gateway latency (default 300)
  --runs <n>              fuzz: calls in all, spread over every procedure and raw requests
                          (default 20000; \`pnpm test\` runs about 650)
  --repeat <n>            faults: run the drills n times, each on fresh servers, and report per
                          invariant in how many runs it held (default 1; up to 100)
  --seed <n>              seed of the fans' random choices (fuzz: of its inputs; default random)
  --cluster               start a Redis Cluster of the run's own (3 masters + 3 replicas from
                          redis-server on free ports) and run on it instead of --redis; race then
                          spreads its load over one event per master, adding a master at a time
  --keep                  keep the run's database, Redis data and temporary folder afterwards
  --postgres <url>        Postgres server (default postgres://postgres@127.0.0.1:5432/postgres);
                          faults starts a private one and uses this only when it cannot
  --redis <url>           Redis, with a dedicated logical database (default redis://127.0.0.1:6379/7);
                          faults starts a private one and uses this only when it cannot
  --help
`;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

function positiveInt(name: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`--${name} must be an integer between 1 and ${max}`);
  return n;
}

function loopbackUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--${name} is not a URL: ${value}`);
  }
  if (!LOOPBACK.has(url.hostname))
    throw new Error(`--${name} must point at a loopback address (127.0.0.1), not ${url.hostname}`);
  return value;
}

/** Parses argv (flags after `pnpm loadtest`); throws with a message fit for the terminal. */
export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== "--"),
    options: {
      quick: { type: "boolean", default: false },
      scenario: { type: "string" },
      fans: { type: "string" },
      seats: { type: "string" },
      duration: { type: "string" },
      strategies: { type: "string" },
      instances: { type: "string" },
      subscribers: { type: "string" },
      waiters: { type: "string" },
      "payment-latency": { type: "string" },
      runs: { type: "string" },
      repeat: { type: "string" },
      seed: { type: "string" },
      keep: { type: "boolean", default: false },
      cluster: { type: "boolean", default: false },
      embedded: { type: "boolean", default: false },
      postgres: { type: "string" },
      redis: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });

  const defaults = values.cluster ? DEFAULT_CLUSTER_SCENARIOS : DEFAULT_SCENARIOS;
  const requested = (values.scenario ?? defaults.join(",")).split(",").map((name) => name.trim());
  const scenarios = requested.includes("all")
    ? [...SCENARIOS]
    : requested.map((name) => {
        if (!(SCENARIOS as readonly string[]).includes(name)) {
          throw new Error(`unknown scenario "${name}" (choose from ${SCENARIOS.join(", ")}, all)`);
        }
        return name as ScenarioName;
      });

  const strategies = (values.strategies ?? STRATEGIES.join(",")).split(",").map((name) => {
    const trimmed = name.trim();
    if (!(STRATEGIES as readonly string[]).includes(trimmed)) {
      throw new Error(`unknown strategy "${trimmed}" (choose from ${STRATEGIES.join(", ")})`);
    }
    return trimmed as StrategyName;
  });

  const redisUrl = loopbackUrl(
    "redis",
    values.redis ?? process.env.LOADTEST_REDIS_URL ?? "redis://127.0.0.1:6379/7",
  );
  const redisDb = Number(new URL(redisUrl).pathname.slice(1) || "0");
  if (!Number.isInteger(redisDb) || redisDb === 0) {
    throw new Error(
      "--redis must name a dedicated logical database other than 0 (e.g. redis://127.0.0.1:6379/7): it is flushed",
    );
  }
  const embedded = values.embedded ?? false;
  const withOwnServers = scenarios.filter((name) =>
    ["faults", "capacity", "strategies", "abuse", "fuzz"].includes(name),
  );
  if (embedded && withOwnServers.length > 0) {
    throw new Error(
      `--embedded runs one instance on its own Postgres and Redis; not with ${withOwnServers.join(", ")}`,
    );
  }
  if (embedded && values.cluster)
    throw new Error("--embedded and --cluster do not go together: pick one Redis");
  if (embedded && values.instances !== undefined && values.instances !== "1") {
    throw new Error(
      "--embedded runs one instance: the embedded Postgres and in-process Redis live inside it",
    );
  }
  const fanPhases = values.fans?.split(",").map((n) => positiveInt("fans", n.trim(), 20_000) as number);
  const paymentLatency = values["payment-latency"];
  const latency = paymentLatency === undefined ? 300 : Number(paymentLatency);
  if (!Number.isInteger(latency) || latency < 0 || latency > 10_000)
    throw new Error("--payment-latency must be 0..10000 ms");

  return {
    quick: values.quick ?? false,
    scenarios: [...new Set(scenarios)],
    fans: fanPhases?.[0],
    fanPhases,
    seats: positiveInt("seats", values.seats, 20_000),
    strategies: STRATEGIES.filter((name) => strategies.includes(name)),
    durationS: positiveInt("duration", values.duration, 3_600),
    instances: embedded ? 1 : (positiveInt("instances", values.instances, 16) ?? 2),
    subscribers: positiveInt("subscribers", values.subscribers, 10_000),
    waiters: values.waiters === "0" ? 0 : (positiveInt("waiters", values.waiters, 50_000) ?? 0),
    paymentLatencyMs: latency,
    runs: positiveInt("runs", values.runs, 10_000_000) ?? 20_000,
    repeat: positiveInt("repeat", values.repeat, 100) ?? 1,
    keep: values.keep ?? false,
    seed: positiveInt("seed", values.seed, 2 ** 31) ?? Math.floor(Math.random() * 2 ** 31),
    postgresUrl: loopbackUrl(
      "postgres",
      values.postgres ?? process.env.LOADTEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    ),
    redisUrl,
    cluster: values.cluster ?? false,
    embedded,
    help: values.help ?? false,
  };
}
