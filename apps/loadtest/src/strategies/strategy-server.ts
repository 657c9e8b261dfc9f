/**
 * A tiny HTTP server for the `strategies` scenario, started as a child process (one per server instance):
 * POST /<strategy>/hold {eventId, userId, seatIds} → 200 {holdId, expiresAt} | 409 {code}
 * POST /<strategy>/release {holdId, userId} → 200 | 404
 * GET /<strategy>/holds → {holdId: seatIds} of the holds stored now; GET /readyz.
 * Configured by PORT, DATABASE_URL, REDIS_URL and EVENT_ID.
 */
import http from "node:http";
import { createRedis } from "@frontrow/redis";
import { Redis } from "ioredis";
import postgres from "postgres";
import type { HoldStrategy } from "./hold-strategy";
import { createLuaStrategy } from "./lua-strategy";
import { createOptimisticStrategy } from "./optimistic-strategy";
import { createRowLockStrategy } from "./row-lock-strategy";
import { createSetNxStrategy } from "./setnx-strategy";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const sql = postgres(env("DATABASE_URL"), { max: 20, onnotice: () => {} });
const luaRedis = createRedis(env("REDIS_URL"), { keyPrefix: "loadtest:lua:" });
const redis = new Redis(env("REDIS_URL"));
const strategies = new Map<string, HoldStrategy>(
  [
    await createLuaStrategy(luaRedis, env("EVENT_ID")),
    createSetNxStrategy(sql, redis),
    createOptimisticStrategy(sql),
    createRowLockStrategy(sql),
  ].map((strategy) => [strategy.name, strategy]),
);

async function body(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
}

const handleRequest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
  const send = (status: number, payload: unknown) => {
    res.statusCode = status;
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(payload));
  };
  try {
    const [, name, action] = (req.url ?? "").split("/");
    if (name === "readyz") return send(200, { ok: true });
    const strategy = strategies.get(name ?? "");
    if (!strategy) return send(404, { code: "NOT_FOUND" });
    if (action === "holds" && req.method === "GET")
      return send(200, Object.fromEntries(await strategy.storedHolds()));
    const input = await body(req);
    if (action === "hold") {
      const result = await strategy.hold({
        eventId: String(input.eventId),
        userId: String(input.userId),
        seatIds: (input.seatIds as string[]) ?? [],
      });
      return result.ok ? send(200, result) : send(409, result);
    }
    if (action === "release") {
      const released = await strategy.release(String(input.holdId), String(input.userId));
      return send(released ? 200 : 404, { ok: released });
    }
    send(404, { code: "NOT_FOUND" });
  } catch (error) {
    send(500, { code: "INTERNAL", message: (error as Error).message });
  }
};
const server = http.createServer((req, res) => void handleRequest(req, res));

server.listen(Number(env("PORT")), "127.0.0.1");

const shutdown = async () => {
  server.close();
  server.closeAllConnections();
  await Promise.allSettled([sql.end({ timeout: 2 }), luaRedis.quit(), redis.quit()]);
  process.exit(0);
};
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
