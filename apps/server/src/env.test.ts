import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultSignInLimits } from "@frontrow/core";
import { describe, expect, it } from "vitest";
import { loadEnv } from "./env";

const stateDir = mkdtempSync(path.join(tmpdir(), "frontrow-env-"));
const load = (source: NodeJS.ProcessEnv) => loadEnv(source, stateDir);

describe("MAIL_DOMAIN", () => {
  it("defaults to the host of the first public origin, and takes a domain", () => {
    expect(load({ PUBLIC_ORIGINS: "https://tickets.example.com" }).mailDomain).toBe("tickets.example.com");
    expect(load({ HOST: "127.0.0.1", PORT: "3100" }).mailDomain).toBe("127.0.0.1");
    expect(load({ MAIL_DOMAIN: "mail.example.org" }).mailDomain).toBe("mail.example.org");
    expect(() => load({ MAIL_DOMAIN: "not a domain" })).toThrow(/MAIL_DOMAIN/);
  });
});

describe("PUBLIC_ORIGINS and METRICS_TOKEN", () => {
  it("default to the server's own address, localhost on its port and the Vite dev server; no token", () => {
    const env = load({ HOST: "127.0.0.1", PORT: "3100" });
    expect(env.publicOrigins).toEqual([
      "http://127.0.0.1:3100",
      "http://localhost:3100",
      "http://localhost:5173",
    ]);
    expect(env.metricsToken).toBeUndefined();
  });

  it("take a comma-separated list of origins, normalized as browsers send them", () => {
    const env = load({
      PUBLIC_ORIGINS: "https://Tickets.example.com:443/, http://localhost:3000",
      METRICS_TOKEN: "x".repeat(16),
    });
    expect(env.publicOrigins).toEqual(["https://tickets.example.com", "http://localhost:3000"]);
    expect(env.metricsToken).toBe("x".repeat(16));
  });

  it("refuse paths, other schemes, an empty list and a short token", () => {
    for (const source of [
      { PUBLIC_ORIGINS: "https://tickets.example.com/app" },
      { PUBLIC_ORIGINS: "ftp://tickets.example.com" },
      { PUBLIC_ORIGINS: " , " },
      { METRICS_TOKEN: "short" },
    ]) {
      expect(() => load(source)).toThrow(/Invalid environment/);
    }
  });
});

describe("REDIS_URL and REDIS_CLUSTER_NODES", () => {
  it("take one server's URL, or a cluster's nodes as a list or a redis+cluster:// URL", () => {
    // Unset: which Redis to use is decided at start (see backing-services.ts).
    expect(load({}).redisUrl).toBeUndefined();
    expect(load({ REDIS_URL: "rediss://cache.example.com:6380/2" }).redisUrl).toBe("rediss://cache.example.com:6380/2");
    expect(load({ REDIS_CLUSTER_NODES: " 10.0.0.1:7000, redis-b:7001 ,[::1]:7002" }).redisUrl).toBe(
      "redis+cluster://10.0.0.1:7000,redis-b:7001,[::1]:7002",
    );
    const url = "redis+cluster://app:s3cret@10.0.0.1:7000,10.0.0.2:7000";
    expect(load({ REDIS_URL: url }).redisUrl).toBe(url);
  });

  it("refuse other schemes, nodes without a port, an empty list and both settings at once", () => {
    for (const [source, message] of [
      [{ REDIS_URL: "http://127.0.0.1:6379" }, /REDIS_URL: must be a redis:\/\/, rediss:\/\/ or redis\+cluster/],
      [{ REDIS_URL: "redis+cluster://10.0.0.1" }, /REDIS_URL: "10.0.0.1" is not host:port/],
      [{ REDIS_CLUSTER_NODES: "10.0.0.1:7000,10.0.0.2" }, /REDIS_CLUSTER_NODES: "10.0.0.2" is not host:port/],
      [{ REDIS_CLUSTER_NODES: "10.0.0.1:70000" }, /"10.0.0.1:70000" is not host:port/],
      [{ REDIS_CLUSTER_NODES: " , " }, /REDIS_CLUSTER_NODES: must name at least one node/],
      [{ REDIS_CLUSTER_NODES: "10.0.0.1:7000", REDIS_URL: "redis://127.0.0.1:6379" }, /set it or REDIS_URL, not both/],
    ] as const) {
      expect(() => load(source)).toThrow(message);
    }
  });
});

describe("sign-in limit settings", () => {
  it("default to defaultSignInLimits and can each be tuned", () => {
    expect(loadEnv({}, stateDir).signInLimits).toEqual(defaultSignInLimits);
    const tuned = loadEnv(
      {
        SIGN_IN_FAILURES_PER_ACCOUNT_IP: "3",
        SIGN_IN_FAILURES_PER_ACCOUNT: "500",
        SIGN_IN_FAILURES_PER_IP: "200",
        SIGN_IN_WINDOW_MINUTES: "10",
      },
      stateDir,
    );
    expect(tuned.signInLimits).toEqual({
      perAccountAndIp: { limit: 3, windowMs: 600_000 },
      perAccount: { limit: 500, windowMs: 600_000 },
      perIp: { limit: 200, windowMs: 600_000 },
    });
  });

  it("refuses a limit below one with a clear message", () => {
    expect(() => loadEnv({ SIGN_IN_FAILURES_PER_ACCOUNT_IP: "0" }, stateDir)).toThrow(
      /SIGN_IN_FAILURES_PER_ACCOUNT_IP: Too small/,
    );
  });
});

describe("FRONTROW_POSTGRES and FRONTROW_REDIS", () => {
  it("default to auto and leave DATABASE_URL and REDIS_URL unset", () => {
    const env = load({});
    expect([env.postgresMode, env.redisMode, env.databaseUrl, env.redisUrl]).toEqual(["auto", "auto", undefined, undefined]);
  });

  it("refuse a value they do not know, and a forced fallback that contradicts a URL", () => {
    expect(() => load({ FRONTROW_REDIS: "memory" })).toThrow(/FRONTROW_REDIS/);
    expect(() => load({ FRONTROW_POSTGRES: "embedded", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/x" })).toThrow(
      "FRONTROW_POSTGRES: is embedded, but DATABASE_URL is set",
    );
    expect(() => load({ FRONTROW_REDIS: "in-process", REDIS_URL: "redis://127.0.0.1:6379" })).toThrow(
      "FRONTROW_REDIS: is in-process, but REDIS_URL is set",
    );
    expect(load({ FRONTROW_REDIS: "server", REDIS_URL: "redis://127.0.0.1:6380" }).redisUrl).toBe("redis://127.0.0.1:6380");
  });
});
