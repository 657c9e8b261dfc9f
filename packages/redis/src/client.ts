import { Redis, type RedisOptions } from "ioredis";
import { defineScripts } from "./scripts";

export interface CreateRedisOptions {
  /** Prepended to every key, including the KEYS of Lua scripts; tests use one per test. */
  keyPrefix?: string;
  /** Shown in CLIENT LIST, handy when several instances share one Redis. */
  connectionName?: string;
  /** Passed through for tuning (e.g. maxRetriesPerRequest). */
  options?: RedisOptions;
  /**
   * A connection that will only SUBSCRIBE. It skips ioredis's INFO ready check, which Redis refuses on a
   * connection in subscriber mode and which could otherwise leave a subscription unconfirmed.
   */
  forSubscriptions?: boolean;
}

/** A Redis connection with Frontrow's Lua scripts registered. Not a singleton: the caller owns and quits it. */
export function createRedis(url: string, options: CreateRedisOptions = {}): Redis {
  const redis = new Redis(url, {
    keyPrefix: options.keyPrefix,
    connectionName: options.connectionName,
    lazyConnect: false,
    ...(options.forSubscriptions ? { enableReadyCheck: false } : {}),
    ...options.options,
  });
  defineScripts(redis);
  return redis;
}

export type { Redis };
