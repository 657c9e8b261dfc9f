import { expect, test } from "@playwright/test";
import { clickSeat, openSeatMap, query, seatStatus, signUpFan, type EventSummary, type SeatMap } from "./support";

test("a waiting-room on-sale sends the fan to the line, admits them, and their pass lets them hold", async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  try {
    await signUpFan(context, "Wren");
    const list = await query<{ items: EventSummary[] }>(context, "events.list", { q: "harbor hawks" });
    const event = list.items.find((item) => item.status === "on_sale" && item.waitingRoom);
    expect(event, "the seeded waiting-room on-sale").toBeTruthy();

    // Straight to the seat map: without a pass the fan is sent to the line first.
    const page = await context.newPage();
    await page.goto(`/events/${event!.id}/seats`);
    await expect(page).toHaveURL(new RegExp(`/events/${event!.id}/waiting-room$`));
    await expect(page.getByRole("heading", { name: /waiting room/i }).first()).toBeVisible();

    // The seeded room admits 300 a minute, so the turn comes within a few seconds, pushed to the page.
    await expect(page.getByText("It's your turn")).toBeVisible({ timeout: 30_000 });
    await expect(page).toHaveURL(new RegExp(`/events/${event!.id}/seats$`), { timeout: 15_000 });
    await openSeatMap(page, event!.id);

    const map = await query<SeatMap>(context, "seats.map", { eventId: event!.id });
    const seat = map.seats.find((candidate) => candidate.status === "available")!;
    await clickSeat(page, seat.id);
    await page.getByRole("button", { name: "Hold seats" }).click();
    await expect(page.getByText(/held for \d+:\d\d/)).toBeVisible();
    expect(await seatStatus(page, seat.id)).toBe("held");
  } finally {
    await context.close();
  }
});
