import type { AppRouter } from "@frontrow/api";
import { SESSION_LIFETIME_MS } from "@frontrow/core";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { createTRPCClient, createWSClient, TRPCClientError, wsLink } from "@trpc/client";
import superjson from "superjson";
import { describe, expect } from "vitest";
import WebSocket from "ws";
import { cookieClient, signedInClient, test } from "./test-instances";

function wsClient(base: string, sessionToken: string) {
  const ws = createWSClient({
    url: `${base.replace("http", "ws")}/trpc`,
    WebSocket: WebSocket as never,
    connectionParams: { sessionToken },
  });
  return { ws, trpc: createTRPCClient<AppRouter>({ links: [wsLink({ client: ws, transformer: superjson })] }) };
}

const tokenOf = (cookie: { value: string }) => cookie.value.split("=")[1]!;

describe("cached sessions", () => {
  test("a logout on one instance ends the session within moments on every instance, over HTTP and open WebSockets", async ({
    services,
    instances,
  }) => {
    const [first, second] = instances as [string, string];
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 6 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const cookie = { value: "" };
    const fan = await signedInClient(first, "leaving@example.com", cookie);
    // The same browser on the other instance, and a socket there: both have the session cached now.
    const elsewhere = cookieClient(second, { value: cookie.value });
    const socket = wsClient(second, tokenOf(cookie));
    try {
      expect(await elsewhere.auth.me.query()).toMatchObject({ email: "leaving@example.com" });
      expect(await socket.trpc.auth.me.query()).toMatchObject({ email: "leaving@example.com" });
      const seatIds = [venue.seats[0]!.id];
      await socket.trpc.holds.create.mutate({ eventId, seatIds });

      const stolen = cookie.value;
      await fan.auth.logout.mutate();
      // The other instance hears of it over Redis pub/sub, on another connection than the one that published:
      // milliseconds later, not necessarily before the logout's own answer arrives.
      await expect
        .poll(() => cookieClient(second, { value: stolen }).auth.me.query(), { timeout: 2_000, interval: 20 })
        .toBeNull();
      expect(await socket.trpc.auth.me.query()).toBeNull();
      const refused = await socket.trpc.holds.create
        .mutate({ eventId, seatIds: [venue.seats[1]!.id] })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(TRPCClientError);
      expect((refused as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
    } finally {
      await socket.ws.close();
    }
  });

  test("an expired session is refused on every instance, cached or not", async ({ services, instances }) => {
    const [first, second] = instances as [string, string];
    const cookie = { value: "" };
    await signedInClient(first, "expiring@example.com", cookie);
    const elsewhere = cookieClient(second, { value: cookie.value });
    const socket = wsClient(second, tokenOf(cookie));
    try {
      expect(await elsewhere.auth.me.query()).not.toBeNull();
      expect(await socket.trpc.auth.me.query()).not.toBeNull();
      services.clock.advance(SESSION_LIFETIME_MS + 1_000);
      expect(await socket.trpc.auth.me.query()).toBeNull();
      expect(await elsewhere.auth.me.query()).toBeNull();
      expect(await cookieClient(first, { value: cookie.value }).auth.me.query()).toBeNull();
    } finally {
      await socket.ws.close();
    }
  });
});
