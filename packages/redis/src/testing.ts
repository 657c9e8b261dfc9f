import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createRedis, isCluster, type Redis } from "./client";

declare module "vitest" {
  interface ProvidedContext {
    /** Set by the `redis-cluster` test project (cluster-global-setup.ts): its suites run on a Redis Cluster. */
    redisClusterUrl?: string;
  }
}

/** The Redis of this test run: the test cluster in the `redis-cluster` project, TEST_REDIS_URL or 6379 otherwise. */
export const testRedisUrl = inject("redisClusterUrl") ?? process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface TestRedis {
  redis: Redis;
  url: string;
  keyPrefix: string;
  /** Another connection with the same prefix (a second "instance", or `{ forSubscriptions: true }` for pub/sub). */
  connect(options?: { forSubscriptions?: boolean }): Redis;
  /** Deletes every key of this test, as FLUSHDB would in a real deployment; connections stay open. */
  flush(): Promise<void>;
  /** Deletes this test's keys and closes every connection made through it. */
  cleanup(): Promise<void>;
}

/** Unlinks every key matching `pattern`, on each master of a cluster. */
export async function unlinkMatching(redis: Redis, pattern: string): Promise<void> {
  for (const node of isCluster(redis) ? redis.nodes("master") : [redis]) {
    let cursor = "0";
    do {
      const [next, found] = await node.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      cursor = next;
      // One key at a time on a cluster: keys of different events live in different slots.
      if (found.length > 0) await (isCluster(redis) ? Promise.all(found.map((key) => node.unlink(key))) : node.unlink(...found));
    } while (cursor !== "0");
  }
}

/** A Redis connection whose keys all live under a prefix of their own. */
export function createTestRedis(): TestRedis {
  const keyPrefix = `test:${randomBytes(6).toString("hex")}:`;
  const connections: Redis[] = [];
  const connect = (options: { forSubscriptions?: boolean } = {}) => {
    const connection = createRedis(testRedisUrl, { keyPrefix, forSubscriptions: options.forSubscriptions });
    connections.push(connection);
    return connection;
  };
  const redis = connect({});
  const flush = async () => {
    const raw = createRedis(testRedisUrl);
    try {
      await unlinkMatching(raw, `${keyPrefix}*`);
    } finally {
      raw.disconnect();
    }
  };
  return {
    redis,
    url: testRedisUrl,
    keyPrefix,
    connect,
    flush,
    async cleanup() {
      try {
        await flush();
      } finally {
        for (const connection of connections) connection.disconnect();
      }
    },
  };
}
