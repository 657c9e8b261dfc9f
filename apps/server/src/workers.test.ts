import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@frontrow/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "./test-instances";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** GET on a fresh connection each time, so the kernel and the primary can hand it to any worker. */
function getJson(port: number, pathname: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path: pathname, agent: false, headers: { connection: "close" } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    })
      .on("error", reject)
      .setTimeout(3_000, function (this: { destroy(error: Error): void }) {
        this.destroy(new Error(`no answer to ${pathname}`));
      })
      .end();
  });
}

/** The worker processes of the primary `pid` (tsx has an esbuild child too). */
function childPids(pid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(pid), "-f", "src/main.ts"], { encoding: "utf8" }).trim().split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function workersAnswering(port: number, tries = 60): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let i = 0; i < tries; i++) seen.add((await getJson(port, "/healthz")).body.worker as number);
  return seen;
}

describe("one server, a worker per core", () => {
  let database: TestDatabase;
  let server: ChildProcess;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    port = await freePort();
    server = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: serverDir,
      env: {
        ...process.env,
        WORKERS: "2",
        PORT: String(port),
        DATABASE_URL: database.url,
        REDIS_URL: "redis://127.0.0.1:6379/4",
        SEED_DEMO_DATA: "false",
        LOG_LEVEL: "warn",
        NODE_ENV: "test",
        SESSION_SECRET: "s".repeat(40),
        PASS_SECRET: "p".repeat(40),
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    for (let waited = 0; ; waited += 250) {
      if ((await getJson(port, "/readyz").then((r) => r.status, () => 0)) === 200) break;
      if (waited > 60_000 || server.exitCode !== null) throw new Error("the server did not get ready");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 90_000);

  afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await database.drop();
  }, 30_000);

  test("both workers serve on the one port, and /metrics counts the whole server", async () => {
    expect(childPids(server.pid!).length).toBe(2);
    // /readyz turns 200 with the first worker listening; the second may still be starting.
    await expect.poll(() => workersAnswering(port), { timeout: 20_000 }).toEqual(new Set([1, 2]));
    const metrics = await new Promise<string>((resolve, reject) => {
      request({ host: "127.0.0.1", port, path: "/metrics", agent: false }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve(text));
      })
        .on("error", reject)
        .end();
    });
    const healthz = metrics.match(/frontrow_http_requests_total\{route="\/healthz",status="200"\} (\d+)/);
    expect(Number(healthz?.[1])).toBeGreaterThanOrEqual(60);
  });

  test("a worker killed outright is replaced, and the server keeps answering meanwhile", { timeout: 60_000 }, async () => {
    const [victim] = childPids(server.pid!);
    process.kill(victim!, "SIGKILL");
    // A connection handed to the worker as it died is lost with it; once the primary has seen the exit, the
    // other worker answers everything, and a new worker takes the dead one's place.
    const killedAt = performance.now();
    await expect.poll(() => getJson(port, "/healthz").then((r) => r.status), { timeout: 10_000 }).toBe(200);
    expect(performance.now() - killedAt).toBeLessThan(5_000);
    await expect.poll(() => childPids(server.pid!).filter((pid) => pid !== victim).length, { timeout: 20_000 }).toBe(2);
    await expect.poll(async () => (await workersAnswering(port, 40)).size, { timeout: 20_000 }).toBe(2);
  });
});
