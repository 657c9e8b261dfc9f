import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis as SingleRedis } from "ioredis";
import { clusterUrl } from "./client";

export interface LocalClusterNode {
  port: number;
  process: ChildProcess;
}

export interface LocalCluster {
  /** `redis+cluster://127.0.0.1:<port>,…` naming every node. */
  url: string;
  nodes: LocalClusterNode[];
  /** The ports of the masters now, in slot order (the first serves slot 0). */
  masterPorts(): Promise<number[]>;
  /** The port of the master serving `key`'s slot now. */
  masterOf(key: string): Promise<number>;
  /** kill -9 one node: nothing is saved; its replica, if any, takes over after the node timeout. */
  kill(port: number): void;
  /** Resolves once every slot is served by a master that answers and the cluster says `cluster_state:ok`. */
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** Stops every node and deletes their files. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`local Redis Cluster: timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Runs one command on one node over a short-lived connection. */
async function ask(port: number, command: string, ...args: string[]): Promise<unknown> {
  const redis = new SingleRedis({ host: "127.0.0.1", port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    await redis.connect();
    return await redis.call(command, ...args);
  } finally {
    redis.disconnect();
  }
}

/**
 * A Redis Cluster of `masters` masters with `replicasPerMaster` replicas each, from `redis-server` processes on
 * free ports of 127.0.0.1 (no persistence; a short node timeout so a killed master's replica takes over in about
 * two seconds), joined with `redis-cli --cluster create`. For tests and the load tester; stop it when done.
 */
export async function startLocalCluster(options: { masters?: number; replicasPerMaster?: number; nodeTimeoutMs?: number } = {}): Promise<LocalCluster> {
  const masters = options.masters ?? 3;
  const replicasPerMaster = options.replicasPerMaster ?? 1;
  const nodeTimeoutMs = options.nodeTimeoutMs ?? 1_000;
  const dir = mkdtempSync(path.join(tmpdir(), "frontrow-redis-cluster-"));
  const nodes: LocalClusterNode[] = [];
  const stop = async () => {
    await Promise.all(
      nodes.map(
        ({ process: child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGKILL");
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters * (1 + replicasPerMaster); i++) {
      // The cluster bus needs a port too; ask for one instead of assuming port + 10000 is free.
      const [port, busPort] = [await freePort(), await freePort()];
      const child = spawn(
        "redis-server",
        [
          ...["--port", String(port), "--bind", "127.0.0.1", "--cluster-port", String(busPort)],
          ...["--cluster-enabled", "yes", "--cluster-config-file", `nodes-${port}.conf`],
          ...["--cluster-node-timeout", String(nodeTimeoutMs), "--save", "", "--appendonly", "no", "--dir", dir],
          // A replica syncs at once instead of after the default 5 s wait for other replicas to share the transfer.
          ...["--repl-diskless-sync-delay", "0", "--logfile", path.join(dir, `redis-${port}.log`)],
        ],
        { stdio: "ignore" },
      );
      nodes.push({ port, process: child });
    }
    await Promise.all(nodes.map(({ port }) => until(`node ${port} to answer`, 10_000, async () => (await ask(port, "PING")) === "PONG")));
    const created = spawnSync(
      "redis-cli",
      ["--cluster", "create", ...nodes.map(({ port }) => `127.0.0.1:${port}`), "--cluster-replicas", String(replicasPerMaster), "--cluster-yes"],
      { encoding: "utf8", timeout: 30_000 },
    );
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed:\n${created.stdout}${created.stderr}`);

    const isAlive = ({ process: child }: LocalClusterNode) => child.exitCode === null && child.signalCode === null;
    /** Ask the first node that answers. */
    const askAny = async (command: string, ...args: string[]) => {
      for (const node of nodes.filter(isAlive)) {
        const reply = await ask(node.port, command, ...args).catch(() => undefined);
        if (reply !== undefined) return reply;
      }
      throw new Error("local Redis Cluster: no node answers");
    };
    const slotRanges = async () =>
      ((await askAny("CLUSTER", "SLOTS")) as Array<[number, number, [string, number]]>).sort((a, b) => a[0] - b[0]);
    const masterPorts = async () => [...new Set((await slotRanges()).map((range) => range[2][1]))];
    const masterOf = async (key: string) => {
      const slot = Number(await askAny("CLUSTER", "KEYSLOT", key));
      const range = (await slotRanges()).find(([from, to]) => slot >= from && slot <= to);
      if (!range) throw new Error(`local Redis Cluster: slot ${slot} is not served`);
      return range[2][1];
    };
    // Polled gently: each round opens a connection to every node, which a failover on a busy machine can do without.
    const waitHealthy = async (timeoutMs = 20_000) => {
      await until("every slot to be served", timeoutMs, async () => {
        const live = nodes.filter(isAlive);
        for (const { port } of live) {
          if (!String(await ask(port, "CLUSTER", "INFO")).includes("cluster_state:ok")) return false;
        }
        const ports = await masterPorts();
        return ports.every((port) => live.some((node) => node.port === port));
      }, 250);
      // Replicas that lost their master have not finished syncing with the new one yet; writes are fine meanwhile.
    };
    await waitHealthy();
    await until("replicas to sync", 15_000, async () => {
      for (const { port } of nodes.filter(isAlive)) {
        const info = String(await ask(port, "INFO", "replication"));
        if (info.includes("role:slave") && !info.includes("master_link_status:up")) return false;
      }
      return true;
    });
    return {
      url: clusterUrl(nodes.map(({ port }) => ({ host: "127.0.0.1", port }))),
      nodes,
      masterPorts,
      masterOf,
      kill(port) {
        nodes.find((node) => node.port === port)?.process.kill("SIGKILL");
      },
      waitHealthy,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
