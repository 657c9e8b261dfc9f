import path from "node:path";
import { fileURLToPath } from "node:url";

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(appRoot, "../..");

/** Where things are, from this checkout's layout (apps/loadtest/src → repo root). */
export const paths = {
  appRoot,
  repoRoot,
  serverMain: path.join(repoRoot, "apps/server/dist/main.js"),
  reportsDir: path.join(appRoot, "reports"),
  strategyServer: path.join(appRoot, "src/strategies/strategy-server.ts"),
} as const;
