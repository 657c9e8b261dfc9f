import { randomBytes } from "node:crypto";
import { createRedis, type Redis } from "./client";

export const testRedisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

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
      let cursor = "0";
      do {
        const [next, found] = await raw.scan(cursor, "MATCH", `${keyPrefix}*`, "COUNT", 1000);
        cursor = next;
        if (found.length > 0) await raw.unlink(...found);
      } while (cursor !== "0");
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
