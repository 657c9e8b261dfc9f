import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import {
  DEFAULT_POW_MAX_COUNTER,
  defaultAbuseLimits,
  defaultSignInLimits,
  deriveProofOfWorkKey,
  relaxedAbuseLimits,
  type AbuseLimits,
  type ProofOfWorkSettings,
  POW_TTL_MS,
  type SignInLimits,
} from "@frontrow/core";
import { clusterUrl, parseClusterNodes, parseClusterUrl } from "@frontrow/redis";
import { z } from "zod";
import { defaultPublicOrigins } from "./security";

const secret = z.string().min(32, "must be at least 32 characters");
const failuresAllowed = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);
/** Requests allowed per window; 0 turns that limit off. */
const requestsAllowed = (fallback: number) => z.coerce.number().int().min(0).max(1_000_000).default(fallback);
const onOff = (fallback: "on" | "off") => z.enum(["on", "off"]).default(fallback);

/** Reports a parser's thrown message as a zod issue (the cluster parsers explain what is wrong). */
function parsedBy<T>(parse: (value: string) => T) {
  return (value: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  };
}

/** redis:// or rediss:// for one server; redis+cluster://[user:password@]host:port,host:port,… for a Redis Cluster. */
const redisUrl = z.string().transform(
  parsedBy((value) => {
    if (parseClusterUrl(value)) return value;
    if (!z.url({ protocol: /^rediss?$/ }).safeParse(value).success) {
      throw new Error("must be a redis://, rediss:// or redis+cluster://host:port,host:port URL");
    }
    return value;
  }),
);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Unset: see FRONTROW_POSTGRES. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** One Redis (redis://, rediss://) or a cluster (redis+cluster://host:port,…). Unset: see FRONTROW_REDIS. */
  REDIS_URL: redisUrl.optional(),
  /** Nodes of a Redis Cluster (host:port,host:port,…; any of its nodes will do): instead of REDIS_URL. */
  REDIS_CLUSTER_NODES: z.string().transform(parsedBy(parseClusterNodes)).optional(),
  /**
   * Which Postgres to use when DATABASE_URL is unset (docs/operations.md: Running without Postgres or Redis): `auto` takes
   * 127.0.0.1:5432 if it answers, else the embedded one; `server` always 127.0.0.1:5432; `embedded` always PGlite.
   */
  FRONTROW_POSTGRES: z.enum(["auto", "server", "embedded"]).default("auto"),
  /**
   * Which Redis to use when REDIS_URL is unset: `auto` takes 127.0.0.1:6379 if it answers, else a redis-server or
   * valkey-server from the PATH started as a child, else the in-process one; the others force one of them.
   */
  FRONTROW_REDIS: z.enum(["auto", "server", "child", "in-process"]).default("auto"),
  SESSION_SECRET: secret.optional(),
  PASS_SECRET: secret.optional(),
  /** Ed25519 private key (PKCS#8 PEM) that signs tickets; generated locally when unset outside production. */
  TICKET_SIGNING_KEY: z
    .string()
    .includes("PRIVATE KEY", { message: "must be a PKCS#8 PEM private key" })
    .optional(),
  /** SMTP server for outgoing mail (smtp://user:pass@host:port); unset writes .eml files to MAIL_DIR. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_DIR: z.string().min(1).default(".frontrow/mail"),
  /** The domain in outgoing mails' Message-IDs (default: the host of the first PUBLIC_ORIGINS entry). */
  MAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i, "must be a domain like tickets.example.com")
    .optional(),
  /** Simulated latency of the built-in test payment provider, in ms (load tests model a real gateway). */
  PAYMENT_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Where the built SPA lives; defaults to apps/web/dist of this checkout. */
  WEB_DIST: z.string().optional(),
  /** Seed demo data into an empty database at start (on by default outside production). */
  SEED_DEMO_DATA: z.enum(["true", "false"]).optional(),
  /** Server processes sharing the port: one per core by default; 1 runs everything in a single process. */
  WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  /** Comma-separated origins whose pages may use the API with a fan's cookie (WebSockets, POSTs). */
  PUBLIC_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z.url({ protocol: /^https?$/, message: "must be origins like https://tickets.example.com" }).refine(
            (item) => {
              const url = new URL(item);
              return url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
            },
            {
              message: "must be origins (scheme://host[:port]) without a path",
            },
          ),
        )
        .min(1),
    )
    .optional(),
  /** Bearer token that opens /metrics to clients not on this machine (loopback needs none). */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Failed sign-ins allowed per window (docs/security.md: Sign-in limits). */
  SIGN_IN_FAILURES_PER_ACCOUNT_IP: failuresAllowed(defaultSignInLimits.perAccountAndIp.limit),
  SIGN_IN_FAILURES_PER_ACCOUNT: failuresAllowed(defaultSignInLimits.perAccount.limit),
  SIGN_IN_FAILURES_PER_IP: failuresAllowed(defaultSignInLimits.perIp.limit),
  SIGN_IN_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(defaultSignInLimits.perAccountAndIp.windowMs / 60_000),
  /** Limits against bots (docs/security.md: Bots and hoarding). */
  REGISTRATIONS_PER_IP_PER_HOUR: requestsAllowed(defaultAbuseLimits.registrationsPerIp.limit),
  HOLDS_PER_FAN_PER_MINUTE: requestsAllowed(defaultAbuseLimits.holdsPerFan.limit),
  HOLDS_PER_IP_PER_MINUTE: requestsAllowed(defaultAbuseLimits.holdsPerIp.limit),
  QUEUE_JOINS_PER_FAN_PER_MINUTE: requestsAllowed(defaultAbuseLimits.queueJoinsPerFan.limit),
  QUEUE_JOINS_PER_IP_PER_MINUTE: requestsAllowed(defaultAbuseLimits.queueJoinsPerIp.limit),
  /** `off`: every limit above, the events' seats-per-address caps and proof-of-work are off (load tests only). */
  BOT_PROTECTION: onOff("on"),
  /** Whether signing up needs the browser to solve a proof-of-work challenge (ALTCHA). */
  REGISTER_PROOF_OF_WORK: onOff("on"),
  /** Hashes a browser spends on a challenge, at most (about 3/4 of it on average). */
  POW_MAX_COUNTER: z.coerce.number().int().min(100).max(100_000_000).default(DEFAULT_POW_MAX_COUNTER),
  /** HMAC key signing the challenges; derived from SESSION_SECRET when unset. */
  POW_HMAC_KEY: secret.optional(),
});

export interface Env {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  /** DATABASE_URL as given; resolveBackingServices decides what to use when it is unset. */
  databaseUrl: string | undefined;
  /**
   * One server (redis://, rediss://) or a cluster (redis+cluster://, also made from REDIS_CLUSTER_NODES), as given;
   * resolveBackingServices decides what to use when it is unset.
   */
  redisUrl: string | undefined;
  postgresMode: "auto" | "server" | "embedded";
  redisMode: "auto" | "server" | "child" | "in-process";
  /** `.frontrow/` of the working folder: local secrets, the embedded Postgres's data, mail. */
  stateDir: string;
  sessionSecret: string;
  passSecret: string;
  ticketSigningKey: string;
  paymentLatencyMs: number;
  smtpUrl: string | undefined;
  mailDir: string;
  mailDomain: string;
  logLevel: string;
  webDist: string | undefined;
  seedDemoData: boolean;
  trustProxy: boolean;
  workers: number;
  /** Origins allowed to call the API from a browser (normalized scheme://host[:port]). */
  publicOrigins: string[];
  metricsToken: string | undefined;
  signInLimits: SignInLimits;
  abuseLimits: AbuseLimits;
  /** Unset when BOT_PROTECTION=off. */
  proofOfWork: ProofOfWorkSettings | undefined;
}

/** Secrets for local runs: generated once and kept in `.frontrow/secrets.json` so restarts keep sessions valid. */
interface LocalSecrets {
  SESSION_SECRET: string;
  PASS_SECRET: string;
  TICKET_SIGNING_KEY: string;
}

function localSecrets(dir: string): LocalSecrets {
  const file = path.join(dir, "secrets.json");
  const stored: Partial<LocalSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  if (stored.SESSION_SECRET && stored.PASS_SECRET && stored.TICKET_SIGNING_KEY) return stored as LocalSecrets;
  const secrets: LocalSecrets = {
    SESSION_SECRET: stored.SESSION_SECRET ?? randomBytes(32).toString("hex"),
    PASS_SECRET: stored.PASS_SECRET ?? randomBytes(32).toString("hex"),
    TICKET_SIGNING_KEY:
      stored.TICKET_SIGNING_KEY ??
      generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Validates the environment once, at start. Nothing else reads process.env. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env, stateDir = path.resolve(".frontrow")): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  if (env.REDIS_CLUSTER_NODES && source.REDIS_URL) {
    throw new Error("Invalid environment:\n  REDIS_CLUSTER_NODES: set it or REDIS_URL, not both");
  }
  const contradictions = [
    env.DATABASE_URL && env.FRONTROW_POSTGRES === "embedded"
      ? "  FRONTROW_POSTGRES: is embedded, but DATABASE_URL is set"
      : "",
    (env.REDIS_URL || env.REDIS_CLUSTER_NODES) && ["child", "in-process"].includes(env.FRONTROW_REDIS)
      ? `  FRONTROW_REDIS: is ${env.FRONTROW_REDIS}, but ${env.REDIS_URL ? "REDIS_URL" : "REDIS_CLUSTER_NODES"} is set`
      : "",
  ].filter(Boolean);
  if (contradictions.length > 0) throw new Error(`Invalid environment:\n${contradictions.join("\n")}`);
  let { SESSION_SECRET: sessionSecret, PASS_SECRET: passSecret, TICKET_SIGNING_KEY: ticketSigningKey } = env;
  if (!sessionSecret || !passSecret || !ticketSigningKey) {
    if (env.NODE_ENV === "production") {
      throw new Error(
        "Invalid environment:\n  SESSION_SECRET, PASS_SECRET and TICKET_SIGNING_KEY are required in production",
      );
    }
    const generated = localSecrets(stateDir);
    sessionSecret ??= generated.SESSION_SECRET;
    passSecret ??= generated.PASS_SECRET;
    ticketSigningKey ??= generated.TICKET_SIGNING_KEY;
  }
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_CLUSTER_NODES ? clusterUrl(env.REDIS_CLUSTER_NODES) : env.REDIS_URL,
    postgresMode: env.FRONTROW_POSTGRES,
    redisMode: env.FRONTROW_REDIS,
    stateDir,
    sessionSecret,
    passSecret,
    ticketSigningKey,
    paymentLatencyMs: env.PAYMENT_LATENCY_MS,
    smtpUrl: env.SMTP_URL,
    mailDir: path.resolve(env.MAIL_DIR),
    mailDomain: env.MAIL_DOMAIN ?? mailDomainOf(env.PUBLIC_ORIGINS?.[0] ?? defaultPublicOrigins(env.HOST, env.PORT)[0]!),
    logLevel: env.LOG_LEVEL,
    webDist: env.WEB_DIST,
    seedDemoData: env.SEED_DEMO_DATA ? env.SEED_DEMO_DATA === "true" : env.NODE_ENV !== "production",
    trustProxy: env.TRUST_PROXY === "true",
    workers: env.WORKERS ?? availableParallelism(),
    publicOrigins:
      env.PUBLIC_ORIGINS?.map((origin) => new URL(origin).origin) ?? defaultPublicOrigins(env.HOST, env.PORT),
    metricsToken: env.METRICS_TOKEN,
    signInLimits: signInLimitsOf(env),
    abuseLimits: env.BOT_PROTECTION === "off" ? relaxedAbuseLimits : abuseLimitsOf(env),
    proofOfWork:
      env.BOT_PROTECTION === "off"
        ? undefined
        : {
            hmacKey: env.POW_HMAC_KEY ?? deriveProofOfWorkKey(sessionSecret),
            maxCounter: env.POW_MAX_COUNTER,
            ttlMs: POW_TTL_MS,
            onRegister: env.REGISTER_PROOF_OF_WORK === "on",
          },
  };
}

function abuseLimitsOf(env: z.infer<typeof envSchema>): AbuseLimits {
  const hour = 60 * 60_000;
  const minute = 60_000;
  return {
    registrationsPerIp: { limit: env.REGISTRATIONS_PER_IP_PER_HOUR, windowMs: hour },
    holdsPerFan: { limit: env.HOLDS_PER_FAN_PER_MINUTE, windowMs: minute },
    holdsPerIp: { limit: env.HOLDS_PER_IP_PER_MINUTE, windowMs: minute },
    queueJoinsPerFan: { limit: env.QUEUE_JOINS_PER_FAN_PER_MINUTE, windowMs: minute },
    queueJoinsPerIp: { limit: env.QUEUE_JOINS_PER_IP_PER_MINUTE, windowMs: minute },
    enforceHeldSeatsPerIp: true,
  };
}

function signInLimitsOf(env: z.infer<typeof envSchema>): SignInLimits {
  const windowMs = env.SIGN_IN_WINDOW_MINUTES * 60_000;
  return {
    perAccountAndIp: { limit: env.SIGN_IN_FAILURES_PER_ACCOUNT_IP, windowMs },
    perAccount: { limit: env.SIGN_IN_FAILURES_PER_ACCOUNT, windowMs },
    perIp: { limit: env.SIGN_IN_FAILURES_PER_IP, windowMs },
  };
}

/** The host of an origin, usable in a Message-ID ("[::1]" loses its brackets). */
function mailDomainOf(origin: string): string {
  return new URL(origin).hostname.replace(/^\[|\]$/g, "");
}
