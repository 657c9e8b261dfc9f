import chromiumFlags from "@frontrow/config/chromium.json" with { type: "json" };
import { defineConfig, devices } from "@playwright/test";

// Every run gets a fresh database (created, migrated and seeded by the server itself at start) and its own port.
process.env.E2E_DATABASE ??= `frontrow_e2e_${Date.now().toString(36)}`;
process.env.E2E_PORT ??= String(3300 + Math.floor(Math.random() * 500));
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${process.env.E2E_DATABASE}`;
process.env.E2E_DATABASE_URL = databaseUrl.toString();
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? "list" : [["list"], ["html", { open: "never" }]],
  globalTeardown: "./global-teardown.ts",
  use: {
    baseURL,
    // CI prints the failure and a screenshot path but keeps no files: a trace there would only cost CPU.
    trace: process.env.CI ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? chromiumFlags.executablePath,
      args: chromiumFlags.args,
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node ../server/dist/main.js",
    url: `${baseURL}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: process.env.E2E_PORT,
      HOST: "127.0.0.1",
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
      LOG_LEVEL: "warn",
      NODE_ENV: "test",
      SEED_DEMO_DATA: "true",
      // Every browser of the run signs up from 127.0.0.1, on a Redis other runs share: the per-address sign-up
      // limit would count them all. Proof-of-work stays on, so sign-ups go through the ALTCHA widget.
      REGISTRATIONS_PER_IP_PER_HOUR: "100000",
    },
  },
});
