import type { TestProject } from "vitest/node";
import { InProcessRedisServer } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    inProcessRedisUrl: string;
  }
}

/** Starts the in-process Redis once for the contract project; its tests connect to it instead of 6379. */
export default async function setup(project: TestProject) {
  const redis = await InProcessRedisServer.start();
  project.provide("inProcessRedisUrl", redis.url);
  return () => redis.close();
}
