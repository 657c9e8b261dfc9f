import { randomUUID } from "node:crypto";
import { expect, test, type BrowserContext } from "@playwright/test";
import postgres from "postgres";
import { query, sellEverySeatAt40, signUpFan, type SeatMap } from "./support";

/**
 * The waiting list of a sold-out event: a fan joins it on the event page, another fan cancels, and the first gets
 * the returned seats held for them, live, and buys them. The test sells its own event (a copy of the seeded comedy
 * club's layout) so that selling it out touches no other flow running beside it.
 */

const sql = postgres(process.env.E2E_DATABASE_URL!, { max: 2, onnotice: () => {} });
test.afterAll(async () => {
  await sql.end();
});

/** An on-sale event of our own on the seeded comedy club with a waiting list, every seat blocked but `free`. */
async function soldOutButFor(name: string, free: number): Promise<{ eventId: string; freeSeatIds: string[] }> {
  const [club] = await sql<Array<{ venue_id: string }>>`
    select venue_id from events where search_text like ${"%overthinking%"} limit 1`;
  const eventId = randomUUID();
  await sql`
    insert into events (id, venue_id, name, performer, category, starts_at, on_sale_at, status, single_seat_rule,
                        waiting_list_enabled, waiting_list_offer_minutes, search_text)
    values (${eventId}, ${club!.venue_id}, ${name}, 'E2E Players', 'comedy', now() + interval '30 days',
            now() - interval '1 hour', 'on_sale', false, true, 10, ${name.toLowerCase()})`;
  await sellEverySeatAt40(sql, eventId, club!.venue_id);
  const keep = await sql<Array<{ seat_id: string }>>`
    select seat_id from event_seats es join seats s on s.id = es.seat_id
    where es.event_id = ${eventId} and not s.accessible order by s.section_id, s.row, s.number limit ${free}`;
  const freeSeatIds = keep.map((row) => row.seat_id);
  await sql`update event_seats set status = 'blocked' where event_id = ${eventId} and seat_id not in ${sql(freeSeatIds)}`;
  await sql`
    update event_sections es set blocked_count = (
      select count(*) from event_seats s where s.event_id = es.event_id and s.section_id = es.section_id and s.status = 'blocked')
    where es.event_id = ${eventId}`;
  // General-admission areas (if any) are blocked whole.
  await sql`update event_sections set blocked_count = capacity where event_id = ${eventId} and section_id in (
    select id from sections where kind = 'general_admission')`;
  return { eventId, freeSeatIds };
}

async function call<T>(context: BrowserContext, path: string, input: unknown): Promise<T> {
  const response = await context.request.post(`/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path} answered ${response.status()}: ${await response.text()}`).toBeTruthy();
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

const card = { cardNumber: "4242424242424242", expMonth: 12, expYear: 2030, cvc: "123", name: "Sam Seller" };

test("sold-out event: a fan joins the waiting list, another cancels, the first gets the offer live and buys", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { eventId, freeSeatIds } = await soldOutButFor(`Waiting Night ${Date.now()}`, 2);
  const sellerContext = await browser.newContext();
  const fanContext = await browser.newContext();
  try {
    await Promise.all([signUpFan(sellerContext, "Sam"), signUpFan(fanContext, "Wynn")]);
    // The last two seats sell: the event is sold out.
    const hold = await call<{ holdId: string }>(sellerContext, "holds.create", { eventId, seatIds: freeSeatIds });
    const { order } = await call<{ order: { id: string } }>(sellerContext, "checkout.complete", {
      holdId: hold.holdId,
      idempotencyKey: `e2e-waiting-${Date.now()}`,
      payment: card,
    });

    const page = await fanContext.newPage();
    await page.goto(`/events/${eventId}`);
    await expect(page.getByText(/All tickets are sold\. Join the waiting list/)).toBeVisible();
    const form = page.getByTestId("waiting-list-join");
    await form.getByLabel("Tickets").selectOption("2");
    await form.getByRole("button", { name: "Join the waiting list" }).click();
    await expect(page.getByText("You're next on the waiting list for 2 tickets.")).toBeVisible();
    // Let the page's live feed of its place connect (it announces nothing on screen until something changes).
    await page.waitForTimeout(2_000);

    // The other fan cancels: the seats come back held for the first fan on the list, who is told without a reload.
    await call(sellerContext, "orders.cancel", { orderId: order.id });
    const offer = page.getByTestId("waiting-list-offer");
    await expect(offer).toBeVisible({ timeout: 15_000 });
    await expect(offer.getByText("2 tickets came back on sale and are held for you, together.")).toBeVisible();
    await expect(offer.getByText("Time left to pay")).toBeVisible();
    // Nobody else can take them: they show as held on the map.
    const map = await query<SeatMap>(sellerContext, "seats.map", { eventId });
    expect(map.seats.filter((seat) => freeSeatIds.includes(seat.id)).map((seat) => seat.status)).toEqual(["held", "held"]);

    await offer.getByRole("link", { name: "Pay for your tickets" }).click();
    await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
    await page.getByLabel("Card number").fill("4242424242424242");
    await page.getByLabel("Expiry (MM/YY)").fill("12/30");
    await page.getByLabel("Security code").fill("123");
    await page.getByLabel("Name on card").fill("Wynn Waiting");
    await page.getByRole("button", { name: /^Pay/ }).click();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?confirmed=1$/);
    const [entry] = await sql<Array<{ status: string }>>`
      select status from waiting_list_entries where event_id = ${eventId}`;
    expect(entry?.status).toBe("purchased");
  } finally {
    await sellerContext.close();
    await fanContext.close();
  }
});
