import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { clickSeat, openSeatMap, query, seatStatus, signUpFan, type EventSummary, type SeatMap } from "./support";

test("a short hold expires on its own and every open map shows the seat available again", async ({ browser }) => {
  test.setTimeout(60_000);
  const sql = postgres(process.env.E2E_DATABASE_URL!, { max: 1, onnotice: () => {} });
  const holder = await browser.newContext();
  const watcher = await browser.newContext();
  let eventId: string | undefined;
  try {
    await signUpFan(holder, "Hana");
    const list = await query<{ items: EventSummary[] }>(holder, "events.list", { q: "overthinking" });
    eventId = list.items.find((item) => item.status === "on_sale" && !item.waitingRoom)?.id;
    expect(eventId, "the seeded comedy night").toBeTruthy();
    // A 5-second hold for this test's event; the server re-reads event rules within 2 seconds.
    await sql`update events set hold_seconds = 5 where id = ${eventId!}`;
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    const map = await query<SeatMap>(holder, "seats.map", { eventId });
    // Not a wheelchair space: holding one asks the fan to confirm first (seat-map-access.spec.ts).
    const seat = map.seats.find((candidate) => candidate.status === "available" && !candidate.accessible)!;
    const [holderPage, watcherPage] = await Promise.all([holder.newPage(), watcher.newPage()]);
    await Promise.all([openSeatMap(holderPage, eventId!), openSeatMap(watcherPage, eventId!)]);

    await clickSeat(holderPage, seat.id);
    await holderPage.getByRole("button", { name: "Hold seats" }).click();
    await expect(holderPage.getByText(/held for 0:0\d/)).toBeVisible();
    await expect.poll(() => seatStatus(watcherPage, seat.id)).toBe("held");

    // Nobody releases it: the sweeper does, and both maps hear about it.
    await expect.poll(() => seatStatus(watcherPage, seat.id), { timeout: 15_000 }).toBe("available");
    await expect.poll(() => seatStatus(holderPage, seat.id), { timeout: 5_000 }).toBe("available");
    await expect(holderPage.getByText(/held for/)).toHaveCount(0);
    await expect(holderPage.getByText(/expired/i).first()).toBeVisible();
  } finally {
    if (eventId) await sql`update events set hold_seconds = 480 where id = ${eventId}`;
    await sql.end();
    await holder.close();
    await watcher.close();
  }
});
