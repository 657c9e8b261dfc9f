import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { paths } from "../paths";

/** Everything bundled into apps/server/dist/main.js (tests excluded). */
const SOURCE_DIRS = [
  "apps/server/src",
  "apps/server/build.mjs",
  "packages/api/src",
  "packages/core/src",
  "packages/db/src",
  "packages/db/drizzle",
  "packages/redis/src",
  "packages/redis/lua",
  "packages/validators/src",
];

function newestSource(entry: string): { file: string; mtimeMs: number } {
  let newest = { file: entry, mtimeMs: 0 };
  const visit = (file: string) => {
    const stat = statSync(file);
    if (stat.isDirectory()) {
      for (const name of readdirSync(file)) visit(path.join(file, name));
      return;
    }
    if (/\.test\.ts$|[\\/]testing\.ts$/.test(file)) return;
    if (stat.mtimeMs > newest.mtimeMs) newest = { file, mtimeMs: stat.mtimeMs };
  };
  if (existsSync(entry)) visit(entry);
  return newest;
}

/**
 * Bundles the server (esbuild, a few seconds) when dist/main.js is missing or older than any of its sources.
 * Only the server is built: the load test never needs the SPA.
 */
export async function ensureServerBuild(log: (line: string) => void): Promise<void> {
  const built = existsSync(paths.serverMain) ? statSync(paths.serverMain).mtimeMs : 0;
  const newest = SOURCE_DIRS.map((dir) => newestSource(path.join(paths.repoRoot, dir))).reduce((a, b) =>
    b.mtimeMs > a.mtimeMs ? b : a,
  );
  if (built > 0 && built >= newest.mtimeMs) {
    log("server build is up to date");
    return;
  }
  log(
    built === 0
      ? "apps/server/dist/main.js is missing: building the server…"
      : `server build is older than ${path.relative(paths.repoRoot, newest.file)}: rebuilding the server…`,
  );
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn("pnpm", ["--filter", "@frontrow/server", "build"], {
      cwd: paths.repoRoot,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`pnpm --filter @frontrow/server build exited with ${code}`)),
    );
  });
  log(`server built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
