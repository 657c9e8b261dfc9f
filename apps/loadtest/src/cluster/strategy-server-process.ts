import path from "node:path";
import { paths } from "../paths";
import { freePort } from "./free-port";
import { httpReady } from "./http-ready";
import { ManagedProcess } from "./managed-process";

/**
 * A strategy server (strategies/strategy-server.ts) as a child process on a free port, against the run's database
 * and Redis, holding seats of one event; created, not started. Its log is `<label>.log` in the report.
 */
export async function strategyServerProcess(config: {
  label: string;
  logDir: string;
  databaseUrl: string;
  redisUrl: string;
  eventId: string;
}): Promise<ManagedProcess> {
  const port = await freePort();
  return new ManagedProcess({
    label: config.label,
    command: process.execPath,
    args: ["--import", "tsx", paths.strategyServer],
    cwd: paths.appRoot,
    port,
    logFile: path.join(config.logDir, `${config.label}.log`),
    isReady: httpReady(port, "/readyz"),
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      EVENT_ID: config.eventId,
    },
  });
}
