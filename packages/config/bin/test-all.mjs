#!/usr/bin/env node
// `pnpm test`: builds, type-checks and lints (each counts as one test), runs every vitest project, then the
// Playwright flows, and ends with one line `N passed, N failed` summed over them all. Exits non-zero if anything
// failed or a runner crashed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");
const reports = mkdtempSync(path.join(tmpdir(), "frontrow-tests-"));

function run(command, args, env = {}) {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson(file) {
  try {
    return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
  } catch {
    return undefined;
  }
}

const totals = { passed: 0, failed: 0 };
let crashed = false;

const buildStatus = run("pnpm", ["build"]);
if (buildStatus !== 0) {
  console.error("build failed");
  crashed = true;
}

// The guardrails: the type check, and lint with its type-aware rules and the layer rules (docs/architecture.md).
for (const check of ["typecheck", "lint"]) {
  if (run("pnpm", [check]) === 0) totals.passed++;
  else totals.failed++;
}

const vitestJson = path.join(reports, "vitest.json");
const vitestStatus = run("pnpm", [
  "exec",
  "vitest",
  "run",
  "--config",
  "packages/config/vitest.workspace.ts",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestJson}`,
]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  if (vitestStatus !== 0 && vitest.numFailedTests === 0) crashed = true;
} else {
  crashed = true;
}

if (buildStatus === 0) {
  const playwrightJson = path.join(reports, "playwright.json");
  const playwrightStatus = run("pnpm", ["--filter", "@frontrow/e2e", "exec", "playwright", "test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
  });
  const playwright = readJson(playwrightJson);
  if (playwright?.stats) {
    totals.passed += playwright.stats.expected + playwright.stats.flaky;
    totals.failed += playwright.stats.unexpected;
    if (playwrightStatus !== 0 && playwright.stats.unexpected === 0) crashed = true;
  } else {
    crashed = true;
  }
}

if (crashed) {
  console.error("a test runner did not finish normally; see its output above");
  totals.failed = Math.max(totals.failed, 1);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
