import { tracked, TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Context } from "./context";
import { appRouter } from "./root";
import { createCallerFactory } from "./trpc";

type Procedure = { _def: { type: "query" | "mutation" | "subscription"; output?: unknown } };
/** Every procedure by its full path ("admin.events.list"): tRPC keeps them flat, whatever its types say. */
const byPath = appRouter._def.procedures as unknown as Record<string, Procedure>;
const procedures = Object.entries(byPath);

/** Runs a procedure's output parser as tRPC does (a zod schema's parseAsync, or the parser function itself). */
async function parseOutput(path: string, value: unknown): Promise<unknown> {
  const output = byPath[path]?._def.output;
  if (output === undefined) throw new Error(`${path} has no output parser`);
  return typeof output === "function"
    ? output(value)
    : (output as { parseAsync(v: unknown): Promise<unknown> }).parseAsync(value);
}

async function* messages(...values: unknown[]) {
  yield* values;
}

async function firstMessage(path: string, message: unknown): Promise<unknown> {
  const stream = (await parseOutput(path, messages(message))) as AsyncIterable<unknown>;
  const step = await stream[Symbol.asyncIterator]().next();
  return step.value;
}

const date = new Date("2026-12-07T10:00:00Z");
const id = "00000000-0000-4000-8000-000000000000";

describe("output schemas", () => {
  it("every procedure of every router declares its output", () => {
    expect(procedures.length).toBeGreaterThan(40);
    const withoutOutput = procedures
      .filter(([, procedure]) => procedure._def.output === undefined)
      .map(([path]) => path);
    expect(withoutOutput).toEqual([]);
    // Every router file is covered (a new router would show up here).
    expect(new Set(procedures.map(([path]) => path.split(".")[0]))).toEqual(
      new Set(["admin", "auth", "checkout", "events", "holds", "orders", "queue", "resale", "seats", "tickets", "transfers", "venues", "waitingList"]),
    );
  });

  it("every subscription checks each message it yields, not the stream", async () => {
    const subscriptions = procedures.filter(([, procedure]) => procedure._def.type === "subscription");
    expect(subscriptions.map(([path]) => path).sort()).toEqual(
      ["admin.events.onDashboard", "events.onUpdate", "queue.onStatus", "seats.onChange", "waitingList.onStatus"].sort(),
    );
    for (const [path] of subscriptions) {
      const stream = (await parseOutput(path, messages({ unexpected: true }))) as AsyncIterable<unknown>;
      await expect(stream[Symbol.asyncIterator]().next(), path).rejects.toMatchObject({
        code: "INTERNAL_SERVER_ERROR",
        message: "Output validation failed",
      });
    }
  });

  // One wrong answer per router file: its schema refuses it.
  it.each([
    ["admin.events.create", { eventId: id, seats: "40", fairnessSeedHash: null }],
    ["auth.me", { id, email: "fan@example.com", name: "Fan", role: "superuser" }],
    ["waitingList.status", { entry: null, lastOfferEnded: "forgotten", waiting: 0 }],
    ["checkout.complete", { order: { id } }],
    ["events.list", { items: [], nextCursor: 3 }],
    ["transfers.mine", { incoming: [{ id, status: "lost" }], outgoing: [] }],
    ["resale.ofOrder", { orderId: id, rules: { open: true, allowed: true, feesRefunded: true }, listings: [{ id, status: "auctioned" }] }],
    [
      "holds.create",
      {
        seq: 1,
        holdId: id,
        eventId: id,
        seatIds: [id],
        seatIndexes: [0],
        layoutVersion: "1-1",
        sections: [],
        expiresAt: "soon",
      },
    ],
    ["orders.list", [{ id }]],
    ["queue.status", { state: "waiting", position: 3, startsAt: date, passwordHash: "x" }],
    ["seats.map", { eventId: id, seq: 1, venue: null, tiers: [], sections: [], seats: [] }],
    ["venues.list", [{ id, name: "Arena", city: "Paris", sectionCount: 2 }]],
  ])("%s refuses a wrong answer", async (path, wrong) => {
    await expect(Promise.resolve().then(() => parseOutput(path, wrong))).rejects.toBeInstanceOf(ZodError);
  });

  it("queue answers are checked in place, so their pre-built JSON is kept", async () => {
    const status = { state: "waiting", position: 3, ahead: 2, etaSeconds: 60, startsAt: date };
    await expect(parseOutput("queue.status", status)).resolves.toBe(status);
    await expect(parseOutput("queue.join", status)).resolves.toBe(status);
    const message = { seq: 7, changes: [{ seatId: id, status: "held", index: 3 }] };
    const envelope = tracked("7", message);
    await expect(firstMessage("seats.onChange", envelope)).resolves.toBe(envelope);
    await expect(firstMessage("queue.onStatus", status)).resolves.toBe(status);
  });

  it("a seat-change message in its tracked envelope is checked too", async () => {
    await expect(
      firstMessage("seats.onChange", tracked("7", { seq: 7, changes: [{ seatId: id, status: "gone" }] })),
    ).rejects.toBeInstanceOf(TRPCError);
  });

  describe("through tRPC", () => {
    const callerFor = (user: unknown) =>
      createCallerFactory(appRouter)({
        deps: {},
        user,
        session: null,
        requestId: "test",
        ip: "127.0.0.1",
      } as unknown as Context);

    it("an answer of the wrong shape is a 500, not sent", async () => {
      const error = await callerFor({ id, email: "fan@example.com", name: "Fan" })
        .auth.me()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect(error).toMatchObject({ code: "INTERNAL_SERVER_ERROR", message: "Output validation failed" });
    });

    it("what the contract does not name is not sent", async () => {
      const user = { id, email: "fan@example.com", name: "Fan", role: "fan", passwordHash: "$argon2id$..." };
      await expect(callerFor(user).auth.me()).resolves.toEqual({
        id,
        email: "fan@example.com",
        name: "Fan",
        role: "fan",
      });
    });
  });
});
