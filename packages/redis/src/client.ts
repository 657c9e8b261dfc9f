import { Cluster, Redis as SingleRedis, type RedisOptions } from "ioredis";
import { defineScripts } from "./scripts";

/** One Redis server (`redis://`, `rediss://`) or a Redis Cluster (`redis+cluster://`): the same commands on both. */
export type Redis = SingleRedis | Cluster;

export interface CreateRedisOptions {
  /** Prepended to every key, including the KEYS of Lua scripts; tests use one per test. */
  keyPrefix?: string;
  /** Shown in CLIENT LIST, handy when several instances share one Redis. */
  connectionName?: string;
  /** Passed through for tuning (e.g. maxRetriesPerRequest); on a cluster, to the connection of each node. */
  options?: RedisOptions;
  /**
   * A connection that will only SUBSCRIBE and SSUBSCRIBE. It skips ioredis's INFO ready check, which Redis refuses
   * on a connection in subscriber mode and which could otherwise leave a subscription unconfirmed. It has no key
   * prefix: channels are named in full (see pubsub-channels.ts), and ioredis would prefix a shard channel again.
   * On a cluster it opens one sharded subscriber per master, so each event's messages come from its own shard.
   */
  forSubscriptions?: boolean;
}

const CLUSTER_SCHEME = "redis+cluster:";

export interface ClusterTarget {
  nodes: Array<{ host: string; port: number }>;
  username?: string;
  password?: string;
}

/**
 * The nodes of a `redis+cluster://[user:password@]host:port,host:port,...` URL (any of the cluster's nodes; the
 * client discovers the rest). Undefined for any other URL. Throws a readable message when it is malformed.
 */
export function parseClusterUrl(url: string): ClusterTarget | undefined {
  if (!url.startsWith(`${CLUSTER_SCHEME}//`)) return undefined;
  const rest = url.slice(CLUSTER_SCHEME.length + 2).replace(/\/$/, "");
  const at = rest.lastIndexOf("@");
  const credentials = at === -1 ? undefined : rest.slice(0, at);
  const nodes = parseClusterNodes(at === -1 ? rest : rest.slice(at + 1));
  if (credentials === undefined) return { nodes };
  const colon = credentials.indexOf(":");
  const username = decodeURIComponent(colon === -1 ? credentials : credentials.slice(0, colon));
  const password = colon === -1 ? undefined : decodeURIComponent(credentials.slice(colon + 1));
  return { nodes, username: username || undefined, password };
}

/** `host:port,host:port` (as REDIS_CLUSTER_NODES takes it) → nodes; throws a readable message when malformed. */
export function parseClusterNodes(list: string): ClusterTarget["nodes"] {
  const items = list
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new Error("must name at least one node as host:port");
  return items.map((item) => {
    const match = /^(\[[0-9a-fA-F:]+\]|[^\s:/@[\]]+):(\d{1,5})$/.exec(item);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65_535) throw new Error(`"${item}" is not host:port`);
    return { host: match[1]!.replace(/^\[|\]$/g, ""), port };
  });
}

/** The `redis+cluster://` URL of these nodes, so a cluster travels as one string like any Redis URL. */
export function clusterUrl(nodes: ClusterTarget["nodes"]): string {
  return `${CLUSTER_SCHEME}//${nodes.map(({ host, port }) => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`)).join(",")}`;
}

/** Whether this connection is to a Redis Cluster (commands that scan or flush must then visit every master). */
export function isCluster(redis: Redis): redis is Cluster {
  return redis instanceof Cluster;
}

/**
 * A Redis connection with Frontrow's Lua scripts registered, to one server or to a cluster by the URL's scheme.
 * Not a singleton: the caller owns and quits it.
 */
export function createRedis(url: string, options: CreateRedisOptions = {}): Redis {
  const keyPrefix = options.forSubscriptions ? undefined : options.keyPrefix;
  const cluster = parseClusterUrl(url);
  const redis = cluster
    ? new Cluster(cluster.nodes, {
        keyPrefix,
        shardedSubscribers: options.forSubscriptions === true,
        enableAutoPipelining: options.options?.enableAutoPipelining,
        redisOptions: {
          connectionName: options.connectionName,
          username: cluster.username,
          password: cluster.password,
          ...options.options,
        },
      })
    : new SingleRedis(url, {
        keyPrefix,
        connectionName: options.connectionName,
        lazyConnect: false,
        ...(options.forSubscriptions ? { enableReadyCheck: false } : {}),
        ...options.options,
      });
  // A script goes to the master of its keys' slot: as EVAL the first time on each connection, EVALSHA after, and
  // as EVAL again where a node answers NOSCRIPT (a replica promoted by a failover starts with no scripts).
  defineScripts(redis);
  return redis;
}
