import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { paths } from "./paths";

interface Results {
  failures: string[];
  scenarios: Array<{ name: string; invariants: Array<{ name: string; held: boolean; broken: number; detail: string }> }>;
}

/**
 * A few seconds of real load through the real API (one server instance, its own database and Redis database; the
 * on-sale with watch-only waiters too):
 * asserts only that every invariant held — never a timing; the figures belong to `pnpm loadtest`.
 */
it("a tiny race and on-sale keep every invariant", { timeout: 240_000 }, async () => {
  const startedAt = Date.now();
  const cwd = path.resolve(paths.reportsDir, "..");
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/main.ts", "--scenario", "race,onsale", "--fans", "20", "--waiters", "40", "--duration", "3", "--instances", "1", "--redis", "redis://127.0.0.1:6379/8"],
      { cwd, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 || code === 1 ? resolve(code) : reject(new Error(`loadtest exited ${code}:\n${stderr}`))));
  });
  const runs = readdirSync(paths.reportsDir)
    .map((name) => path.join(paths.reportsDir, name))
    .filter((dir) => statSync(dir).mtimeMs >= startedAt - 1_000);
  const resultsFile = runs.map((dir) => path.join(dir, "results.json")).find((file) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
  expect(resultsFile, "the run wrote its results").toBeTruthy();
  const results = JSON.parse(readFileSync(resultsFile!, "utf8")) as Results;
  expect(results.failures).toEqual([]);
  expect(results.scenarios.map((scenario) => scenario.name).sort()).toEqual(["onsale", "race"]);
  const broken = results.scenarios.flatMap((scenario) =>
    scenario.invariants.filter((invariant) => !invariant.held).map((invariant) => `${scenario.name}: ${invariant.name} — ${invariant.detail}`),
  );
  expect(broken).toEqual([]);
  expect(results.scenarios.every((scenario) => scenario.invariants.length > 0)).toBe(true);
  expect(exitCode).toBe(0);
});
