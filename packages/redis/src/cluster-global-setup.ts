import type { TestProject } from "vitest/node";
import { startLocalCluster } from "./local-cluster";

/**
 * Global setup of the `redis-cluster` test project: a 6-node Redis Cluster (3 masters, 3 replicas) for the run, whose
 * URL the project's suites get through `inject("redisClusterUrl")` (see testing.ts); stopped when they are done.
 */
export default async function setup(project: TestProject) {
  const started = performance.now();
  const cluster = await startLocalCluster({ masters: 3, replicasPerMaster: 1 });
  console.log(`redis-cluster: 3 masters + 3 replicas up in ${Math.round(performance.now() - started)} ms (${cluster.url})`);
  project.provide("redisClusterUrl", cluster.url);
  return () => cluster.stop();
}
