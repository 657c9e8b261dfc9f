import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const secret = z.string().min(32, "must be at least 32 characters");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default("postgres://postgres@127.0.0.1:5432/frontrow"),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default("redis://127.0.0.1:6379"),
  SESSION_SECRET: secret.optional(),
  PASS_SECRET: secret.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Where the built SPA lives; defaults to apps/web/dist of this checkout. */
  WEB_DIST: z.string().optional(),
  /** Seed demo data into an empty database at start (on by default outside production). */
  SEED_DEMO_DATA: z.enum(["true", "false"]).optional(),
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
});

export interface Env {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string;
  sessionSecret: string;
  passSecret: string;
  logLevel: string;
  webDist: string | undefined;
  seedDemoData: boolean;
  trustProxy: boolean;
}

/** Secrets for local runs: generated once and kept in `.frontrow/secrets.json` so restarts keep sessions valid. */
function localSecrets(dir: string): { SESSION_SECRET: string; PASS_SECRET: string } {
  const file = path.join(dir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const secrets = {
    SESSION_SECRET: randomBytes(32).toString("hex"),
    PASS_SECRET: randomBytes(32).toString("hex"),
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
  let { SESSION_SECRET: sessionSecret, PASS_SECRET: passSecret } = env;
  if (!sessionSecret || !passSecret) {
    if (env.NODE_ENV === "production") {
      throw new Error("Invalid environment:\n  SESSION_SECRET and PASS_SECRET are required in production");
    }
    const generated = localSecrets(stateDir);
    sessionSecret ??= generated.SESSION_SECRET;
    passSecret ??= generated.PASS_SECRET;
  }
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    sessionSecret,
    passSecret,
    logLevel: env.LOG_LEVEL,
    webDist: env.WEB_DIST,
    seedDemoData: env.SEED_DEMO_DATA ? env.SEED_DEMO_DATA === "true" : env.NODE_ENV !== "production",
    trustProxy: env.TRUST_PROXY === "true",
  };
}
