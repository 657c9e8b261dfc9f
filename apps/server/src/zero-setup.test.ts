import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test, vi } from "vitest";
import { cookieClient, freePort } from "./test-instances";

const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "main.ts");
const tsx = import.meta.resolve("tsx");

interface Started {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
}

/** `pnpm start`'s server in a folder of its own, forced onto the embedded Postgres and the in-process Redis. */
function startServer(cwd: string, port: number): Promise<Started> {
  const child = spawn(process.execPath, ["--import", tsx, main], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: "127.0.0.1",
      FRONTROW_POSTGRES: "embedded",
      FRONTROW_REDIS: "in-process",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Array<Record<string, unknown>> = [];
  let stderr = "";
  let partial = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const complete = text.split("\n");
      partial = complete.pop() ?? "";
      for (const line of complete) {
        try {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          continue;
        }
        if (lines.at(-1)!.msg === "Frontrow is listening") resolve({ child, lines });
      }
    });
    child.once("exit", (code) =>
      reject(new Error(`server exited with ${code}: ${stderr}\n${JSON.stringify(lines)}`)),
    );
  });
}

function stopServer(started: Started): Promise<number | null> {
  return new Promise((resolve) => {
    started.child.once("exit", (code) => resolve(code));
    started.child.kill("SIGTERM");
  });
}

describe("zero setup: embedded Postgres and in-process Redis", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "frontrow-zero-setup-"));
  const running: Started[] = [];
  afterAll(() => {
    for (const started of running) started.child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  test("starts with demo data, a fan holds and buys seats, and the order is still there after a restart", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await startServer(dir, port);
    running.push(first);
    const chosen = first.lines.find(
      (line) => line.msg === "Postgres and Redis chosen; running as a single process",
    );
    expect(chosen?.postgres).toMatch(
      /^embedded \(FRONTROW_POSTGRES=embedded; PGlite with its data in .*\.frontrow/,
    );
    expect(chosen?.redis).toMatch(/^in-process \(FRONTROW_REDIS=in-process/);
    expect(chosen?.processes).toContain("use Postgres and Redis for an on-sale");
    expect(first.lines.some((line) => line.msg === "seeded demo data")).toBe(true);
    expect(existsSync(path.join(dir, ".frontrow", "services.json"))).toBe(true);

    const cookie = { value: "" };
    const fan = cookieClient(base, cookie);
    await fan.auth.login.mutate({ email: "fan1@frontrow.test", password: "frontrow-demo" });
    const { items } = await fan.events.list.query({});
    const event = items.find((item) => item.status === "on_sale" && !item.waitingRoom);
    expect(event).toBeDefined();
    const hold = await fan.holds.create.mutate({ eventId: event!.id, best: { quantity: 2 } });
    expect(hold.seatIds.length + hold.sections.reduce((sum, section) => sum + section.quantity, 0)).toBe(2);
    const { order } = await fan.checkout.complete.mutate({
      holdId: hold.holdId,
      idempotencyKey: `zero-setup-${hold.holdId}`,
      payment: {
        cardNumber: "4242 4242 4242 4242",
        expMonth: 12,
        expYear: 2040,
        cvc: "123",
        name: "Ava Martinez",
      },
    });
    expect(order.status).toBe("confirmed");
    // The outbox worker (claiming without a lock on PGlite) captures the payment and mails the tickets.
    await vi.waitFor(() => expect(readdirSync(path.join(dir, ".frontrow", "mail"))).toHaveLength(1), {
      timeout: 20_000,
      interval: 200,
    });

    expect(await stopServer(first)).toBe(0);
    expect(first.lines.at(-1)?.msg).toBe("stopped");
    expect(existsSync(path.join(dir, ".frontrow", "services.json"))).toBe(false);

    const second = await startServer(dir, port);
    running.push(second);
    expect(second.lines.some((line) => line.msg === "seeded demo data")).toBe(false);
    const orders = await fan.orders.list.query();
    expect(orders.map((listed) => [listed.id, listed.status])).toContainEqual([order.id, "confirmed"]);
    expect(await stopServer(second)).toBe(0);
  }, 180_000);
});
