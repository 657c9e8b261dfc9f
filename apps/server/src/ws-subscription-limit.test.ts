import type { AppRouter } from "@frontrow/api";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { describe, expect } from "vitest";
import WebSocket from "ws";
import { test } from "./test-instances";

describe("subscriptions over one WebSocket", () => {
  test("the 21st is refused with TOO_MANY_REQUESTS; stopping one frees its slot", async ({ services, instances }) => {
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 2 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const ws = createWSClient({ url: `${instances[0]!.replace("http", "ws")}/trpc`, WebSocket: WebSocket as never });
    const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws, transformer: superjson })] });
    const outcome = () => {
      let settle: (value: string) => void = () => {};
      const settled = new Promise<string>((resolve) => (settle = resolve));
      const subscription = client.seats.onChange.subscribe(
        { eventId },
        { onStarted: () => settle("started"), onError: (error) => settle(`${error.data?.code}: ${error.message}`) },
      );
      return { subscription, settled };
    };
    try {
      const open = Array.from({ length: 20 }, outcome);
      expect(await Promise.all(open.map((one) => one.settled))).toEqual(Array(20).fill("started"));
      expect(await outcome().settled).toMatch(/^TOO_MANY_REQUESTS: At most 20 subscriptions per connection/);
      open[0]!.subscription.unsubscribe();
      await expect.poll(async () => outcome().settled, { timeout: 3_000 }).toBe("started");
      for (const one of open) one.subscription.unsubscribe();
    } finally {
      await ws.close();
    }
  });
});
