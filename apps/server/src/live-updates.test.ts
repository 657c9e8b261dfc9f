import type { AppRouter } from "@frontrow/api";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { describe, expect } from "vitest";
import WebSocket from "ws";
import { signedInClient, test } from "./test-instances";

type Change = { seq: number; changes: Array<{ seatId?: string; status?: string }> };

describe("live seat changes across instances", () => {
  test("a hold made through one instance reaches WebSocket watchers on the other, in order", async ({
    services,
    instances,
  }) => {
    const [first, second] = instances as [string, string];
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 2, seatsPerRow: 10 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const buyer = await signedInClient(first, "buyer@example.com");
    const { seq } = await buyer.seats.map.query({ eventId });

    const watchers = Array.from({ length: 20 }, () =>
      createWSClient({ url: `${second.replace("http", "ws")}/trpc`, WebSocket: WebSocket as never }),
    );
    const received: Change[][] = watchers.map(() => []);
    const subscriptions = watchers.map((ws, i) => {
      const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws, transformer: superjson })] });
      return client.seats.onChange.subscribe(
        { eventId, lastEventId: String(seq) },
        { onData: (envelope) => received[i]!.push((envelope as unknown as { data: Change }).data) },
      );
    });
    try {
      const seatIds = venue.seats.slice(0, 4).map((seat) => seat.id);
      const hold = await buyer.holds.create.mutate({ eventId, seatIds: seatIds.slice(0, 2) });
      await buyer.holds.create.mutate({ eventId, seatIds: seatIds.slice(2) });
      await buyer.holds.release.mutate({ holdId: hold.holdId });

      await expect
        .poll(() => received.every((changes) => changes.at(-1)?.seq === seq + 3), { timeout: 5_000 })
        .toBe(true);
      for (const changes of received) {
        // Batches may merge per tick, but sequences only go up and the final state is right.
        const seqs = changes.map((change) => change.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        const final = new Map(changes.flatMap((change) => change.changes).map((c) => [c.seatId, c.status]));
        expect(final.get(seatIds[0])).toBe("available");
        expect(final.get(seatIds[3])).toBe("held");
      }
    } finally {
      for (const subscription of subscriptions) subscription.unsubscribe();
      await Promise.all(watchers.map((ws) => ws.close()));
    }
  });
});
