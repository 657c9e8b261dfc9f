import { randomUUID } from "node:crypto";
import { completeCheckout, DomainError, postgresLiveness, TEST_CARDS, type PaymentProvider } from "@frontrow/core";
import { createDb } from "@frontrow/db";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { keys } from "@frontrow/redis";
import { describe, expect } from "vitest";
import type { TestServices } from "@frontrow/core/testing";
import { test, type ApiHarness } from "../testing";

const payment = {
  cardNumber: TEST_CARDS.approved,
  expMonth: 12,
  expYear: new Date().getUTCFullYear() + 2,
  cvc: "123",
  name: "Alex Fan",
};

/** The api's payment provider, with authorizations that wait for the test to let them through. */
function gatedPayments(inner: PaymentProvider) {
  const voided: string[] = [];
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const provider: PaymentProvider = {
    ...inner,
    async authorize(input) {
      await gate;
      return inner.authorize(input);
    },
    async void(authorizationId) {
      voided.push(authorizationId);
      await inner.void(authorizationId);
    },
  };
  return { provider, voided, open };
}

/** A fan holding two seats, the checkout input they will send, and where its lease lives. */
async function fanHoldingSeats(api: ApiHarness, services: TestServices, idempotencyKey: string) {
  const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 6 }] });
  const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
  const fan = await api.fan();
  const seatIds = venue.seats.slice(0, 2).map((seat) => seat.id);
  const hold = await (await fan.call()).holds.create({ eventId, seatIds });
  return {
    fan,
    hold,
    input: { holdId: hold.holdId, idempotencyKey, payment, userId: fan.userId },
    leaseKey: keys.checkoutLease(eventId, fan.userId, idempotencyKey),
  };
}

async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

/**
 * Starts the fan's checkout in a "process" of its own (its own pool and Redis connection, a lease of a minute) and
 * kills it while it waits for the card: the kernel closes its sockets, so Postgres drops its sessions at once.
 */
async function killedWhileWaitingForTheCard(
  api: ApiHarness,
  services: TestServices,
  input: Parameters<typeof completeCheckout>[1],
  leaseKey: string,
) {
  const name = `frontrow:dying:${randomUUID()}`;
  const dyingProcess = createDb(services.database.url, { max: 2, applicationName: name });
  const lostConnection = services.redisStore.connect();
  const dying = gatedPayments(api.deps.payments);
  const firstAttempt = completeCheckout(
    {
      ...api.deps,
      db: dyingProcess.db,
      redis: lostConnection,
      payments: dying.provider,
      liveness: postgresLiveness(dyingProcess.db, name),
      checkoutLeaseMs: 60_000,
    },
    input,
  ).catch((error: unknown) => error);
  await until(async () => (await services.redisStore.redis.exists(leaseKey)) === 1);
  lostConnection.disconnect();
  await dyingProcess.close();
  // In an object: returned bare, the attempt (which waits for the card forever) would be awaited by the caller.
  return { firstAttempt };
}

describe("a checkout whose process died", () => {
  test("is taken over by the fan's retry as soon as its lease runs out, and the retry pays for the hold", async ({
    api,
    services,
  }) => {
    const { input, leaseKey } = await fanHoldingSeats(api, services, "payment-1");

    // The first attempt runs on its own Redis connection and never gets past the card: then its process "dies".
    const dying = gatedPayments(api.deps.payments);
    const lostConnection = services.redisStore.connect();
    const firstAttempt = completeCheckout(
      { ...api.deps, redis: lostConnection, payments: dying.provider, checkoutLeaseMs: 300 },
      input,
    ).catch((error: unknown) => error);
    await until(async () => (await services.redisStore.redis.exists(leaseKey)) === 1);
    lostConnection.disconnect();
    services.clock.advance(1_000);

    const retry = await completeCheckout({ ...api.deps, checkoutLeaseMs: 300, idempotencyWaitMs: 5_000 }, input);
    expect(retry).toMatchObject({ status: "confirmed" });
    expect(retry.tickets).toHaveLength(2);
    expect(await services.database.sql`select id from orders`).toHaveLength(1);
    // Its process is gone: what the first attempt would have done next never happens.
    void firstAttempt;
  });

  test("a checkout that only stalled past its lease cannot sell too: one order, one charge, its card voided", async ({
    api,
    services,
  }) => {
    const { fan, hold, input, leaseKey } = await fanHoldingSeats(api, services, "payment-2");

    // Renews rarely, and its lease is lost (a Redis restart): a retry takes over while it waits for the card.
    const stalled = gatedPayments(api.deps.payments);
    const firstAttempt = completeCheckout(
      { ...api.deps, payments: stalled.provider, checkoutLeaseMs: 60_000 },
      input,
    ).catch((error: unknown) => error);
    await until(async () => (await services.redisStore.redis.exists(leaseKey)) === 1);
    await services.redisStore.redis.del(leaseKey);
    services.clock.advance(1_000);
    const retry = await completeCheckout({ ...api.deps, checkoutLeaseMs: 300, idempotencyWaitMs: 5_000 }, input);

    stalled.open();
    const refused = await firstAttempt;
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe("CHECKOUT_IN_PROGRESS");
    expect(stalled.voided).toHaveLength(1);
    const orders = await services.database.sql`select id from orders`;
    expect(orders.map((order) => order.id)).toEqual([retry.id]);
    expect(await services.database.sql`select id from payments`).toHaveLength(1);
    // The retry's order is what the fan's key answers from now on.
    const again = await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: "payment-2", payment });
    expect(again.order.id).toBe(retry.id);
  });

  test("is taken over as soon as its process's database connections are gone, long before its lease runs out", async ({
    api,
    services,
  }) => {
    const { input, leaseKey } = await fanHoldingSeats(api, services, "payment-3");

    const { firstAttempt } = await killedWhileWaitingForTheCard(api, services, input, leaseKey);

    // Its lease still has a minute to run: only the liveness of its process lets the retry in.
    const retry = await completeCheckout(
      {
        ...api.deps,
        liveness: postgresLiveness(api.deps.db, `frontrow:retry:${randomUUID()}`),
        checkoutLeaseMs: 60_000,
        idempotencyWaitMs: 3_000,
      },
      input,
    );
    expect(retry).toMatchObject({ status: "confirmed" });
    expect(await services.database.sql`select id from orders`).toHaveLength(1);
    expect(await services.database.sql`select id from payments`).toHaveLength(1);
    void firstAttempt;
  });

  test("is taken over at once when its process died before its lease ever reached Redis", async ({ api, services }) => {
    const { input, leaseKey } = await fanHoldingSeats(api, services, "payment-5");

    // The process dies between its claim's commit and its lease's first write: no lease names it.
    const { firstAttempt } = await killedWhileWaitingForTheCard(api, services, input, leaseKey);
    await services.redisStore.redis.del(leaseKey);

    // The claim's row names the process: with its connections gone, the retry takes over without waiting a minute.
    const retry = await completeCheckout(
      {
        ...api.deps,
        liveness: postgresLiveness(api.deps.db, `frontrow:retry:${randomUUID()}`),
        checkoutLeaseMs: 60_000,
        idempotencyWaitMs: 3_000,
      },
      input,
    );
    expect(retry).toMatchObject({ status: "confirmed" });
    expect(await services.database.sql`select id from payments`).toHaveLength(1);
    void firstAttempt;
  });

  test("a checkout whose process is alive is waited for, never taken over", async ({ api, services }) => {
    const { input, leaseKey } = await fanHoldingSeats(api, services, "payment-4");

    const name = `frontrow:alive:${randomUUID()}`;
    const otherProcess = createDb(services.database.url, { max: 2, applicationName: name });
    try {
      const slow = gatedPayments(api.deps.payments);
      const firstAttempt = completeCheckout(
        { ...api.deps, db: otherProcess.db, payments: slow.provider, liveness: postgresLiveness(otherProcess.db, name) },
        input,
      );
      await until(async () => (await services.redisStore.redis.exists(leaseKey)) === 1);
      const retry = completeCheckout(
        {
          ...api.deps,
          liveness: postgresLiveness(api.deps.db, `frontrow:retry:${randomUUID()}`),
          idempotencyWaitMs: 5_000,
        },
        input,
      );
      // The retry keeps finding the first attempt's process connected, so it waits for its answer.
      await new Promise((resolve) => setTimeout(resolve, 500));
      slow.open();
      const [first, second] = await Promise.all([firstAttempt, retry]);
      expect(second.id).toBe(first.id);
      expect(slow.voided).toEqual([]);
      expect(await services.database.sql`select id from orders`).toHaveLength(1);
    } finally {
      await otherProcess.close();
    }
  });
});
