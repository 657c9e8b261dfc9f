import { randomUUID } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import postgres from "postgres";
import { clickSeat, openSeatMap, query, seatStatus, sellEverySeatAt40, signUpFan, type SeatMap } from "./support";

/**
 * The organizer's sale rules: a pause that keeps fans' holds, the refund policy, the single-seat rule. Each test
 * sells its own event (a copy of the seeded comedy club's layout), so pausing it or changing its policy touches
 * no other flow running beside it.
 */

const sql = postgres(process.env.E2E_DATABASE_URL!, { max: 2, onnotice: () => {} });
test.afterAll(async () => {
  await sql.end();
});

interface EventRules {
  holdSeconds?: number;
  singleSeatRule?: boolean;
  selfCancel?: boolean;
  feesRefundable?: boolean;
}

/** An on-sale event of our own on the seeded comedy club, every seat free, at $40 a seat plus a $2.50 fee. */
async function ownEvent(name: string, rules: EventRules = {}): Promise<string> {
  const [club] = await sql<Array<{ venue_id: string }>>`
    select venue_id from events where search_text like ${"%overthinking%"} limit 1`;
  const eventId = randomUUID();
  await sql`
    insert into events (id, venue_id, name, performer, category, starts_at, on_sale_at, status, hold_seconds, fee_cents,
                        single_seat_rule, self_cancel, fees_refundable, search_text)
    values (${eventId}, ${club!.venue_id}, ${name}, 'E2E Players', 'comedy', now() + interval '30 days',
            now() - interval '1 hour', 'on_sale', ${rules.holdSeconds ?? 600}, 250, ${rules.singleSeatRule ?? true},
            ${rules.selfCancel ?? true}, ${rules.feesRefundable ?? true}, ${name.toLowerCase()})`;
  await sellEverySeatAt40(sql, eventId, club!.venue_id);
  return eventId;
}

/** Six seats side by side at the start of a row (no wheelchair space among them), in seat order. */
function sixInARow(map: SeatMap): SeatMap["seats"] {
  const rows = new Map<string, SeatMap["seats"]>();
  for (const seat of map.seats) {
    const key = `${seat.sectionId}|${seat.row}`;
    rows.set(key, [...(rows.get(key) ?? []), seat]);
  }
  for (const seats of rows.values()) {
    const row = seats.sort((a, b) => a.number - b.number).slice(0, 6);
    const sideBySide = row.every((seat, i) => !seat.accessible && (i === 0 || seat.number === row[i - 1]!.number + 1));
    if (row.length === 6 && sideBySide) return row;
  }
  throw new Error("no row of six seats side by side");
}

async function signInAsAdmin(context: BrowserContext) {
  const response = await context.request.post("/trpc/auth.login", {
    data: { json: { email: "admin@frontrow.test", password: "frontrow-demo" } },
  });
  expect(response.ok(), `admin login answered ${response.status()}`).toBeTruthy();
}

async function setStatus(admin: BrowserContext, eventId: string, action: "pause" | "resume") {
  const response = await admin.request.post("/trpc/admin.events.setStatus", { data: { json: { eventId, action } } });
  expect(response.ok(), `${action} answered ${response.status()}: ${await response.text()}`).toBeTruthy();
}

async function fillCard(page: Page) {
  await page.getByLabel("Card number").fill("4242424242424242");
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("Name on card").fill("Pat Paused");
}

/** Holds `seatIds` on the map as a fan does, and goes to checkout. */
async function holdAndCheckOut(page: Page, eventId: string, seatIds: string[]) {
  await openSeatMap(page, eventId);
  for (const seatId of seatIds) await clickSeat(page, seatId);
  await page.getByRole("button", { name: "Hold seats" }).click();
  await page.getByRole("button", { name: "Checkout" }).click();
  await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
}

test("a paused sale keeps a fan's hold past its time; after the resume the fan pays", async ({ browser }) => {
  test.setTimeout(90_000);
  const eventId = await ownEvent(`Paused Night ${Date.now()}`, { holdSeconds: 20 });
  const fanContext = await browser.newContext();
  const adminContext = await browser.newContext();
  const watcherContext = await browser.newContext();
  try {
    await Promise.all([signUpFan(fanContext, "Pat"), signInAsAdmin(adminContext), signUpFan(watcherContext, "Wren")]);
    const map = await query<SeatMap>(fanContext, "seats.map", { eventId });
    const seat = sixInARow(map)[0]!;
    const page = await fanContext.newPage();
    await holdAndCheckOut(page, eventId, [seat.id]);
    await expect(page.getByText(/Seats held for/)).toBeVisible();
    // Let the page's live feed of organizer changes connect (it announces nothing on screen).
    await page.waitForTimeout(2_000);

    await setStatus(adminContext, eventId, "pause");
    await expect(page.getByText("Sales are paused: your seats are kept")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Pay/ })).toBeDisabled();

    // Well past the 20-second hold: the seat is still held for everyone watching, and the fan still has it.
    const watcher = await watcherContext.newPage();
    await openSeatMap(watcher, eventId);
    await expect.poll(() => seatStatus(watcher, seat.id)).toBe("held");
    await page.waitForTimeout(25_000);
    expect(await seatStatus(watcher, seat.id)).toBe("held");
    await expect(page.getByText("Sales are paused: your seats are kept")).toBeVisible();

    await setStatus(adminContext, eventId, "resume");
    await expect(page.getByText(/Seats held for/)).toBeVisible();
    await expect(page.getByRole("button", { name: /^Pay/ })).toBeEnabled();
    await fillCard(page);
    await page.getByRole("button", { name: /^Pay/ }).click();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?confirmed=1$/);
    await expect.poll(() => seatStatus(watcher, seat.id)).toBe("sold");
  } finally {
    await fanContext.close();
    await adminContext.close();
    await watcherContext.close();
  }
});

test("a refund policy without self-service cancellation: shown before paying, and the fan cannot cancel", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const eventId = await ownEvent(`Final Sale ${Date.now()}`, { selfCancel: false });
  const context = await browser.newContext();
  try {
    await signUpFan(context, "Nico");
    const map = await query<SeatMap>(context, "seats.map", { eventId });
    const page = await context.newPage();
    await holdAndCheckOut(page, eventId, [sixInARow(map)[0]!.id]);
    const policy = "Orders for this event cannot be cancelled online: only the organizer can cancel and refund them.";
    await expect(page.getByTestId("refund-policy")).toHaveText(policy);

    await fillCard(page);
    await page.getByRole("button", { name: /^Pay/ }).click();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?confirmed=1$/);
    const orderId = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByTestId("refund-policy")).toHaveText(policy);
    await expect(page.getByRole("button", { name: /^Cancel order/ })).toHaveCount(0);

    // The server refuses it too, however it is asked.
    const refused = await context.request.post("/trpc/orders.cancel", { data: { json: { orderId } } });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain("does not let fans cancel their own orders");
    await page.reload();
    await expect(page.getByText("You're going")).toBeVisible();
    await expect(page.getByTestId("refund-policy")).toHaveText(policy);
  } finally {
    await context.close();
  }
});

test("picking seats that strand a single seat is refused, naming it; seats side by side are held", async ({ browser }) => {
  test.setTimeout(60_000);
  const eventId = await ownEvent(`No Orphans ${Date.now()}`);
  const context = await browser.newContext();
  try {
    await signUpFan(context, "Ada");
    const map = await query<SeatMap>(context, "seats.map", { eventId });
    const row = sixInARow(map);
    const section = map.sections.find((candidate) => candidate.id === row[0]!.sectionId)!;
    const page = await context.newPage();
    await openSeatMap(page, eventId);

    // Seats 2 and 4 of the row would leave seat 1 (and 3) alone.
    await clickSeat(page, row[1]!.id);
    await clickSeat(page, row[3]!.id);
    await page.getByRole("button", { name: "Hold seats" }).click();
    await expect(
      // The section as the one naming rule writes it ("Left", "Section 101").
      page.getByText(new RegExp(`\\b${section.name}, row ${row[0]!.row}, seat ${row[0]!.number} would be left on its own`)),
    ).toBeVisible();
    expect(await seatStatus(page, row[1]!.id)).toBe("available");
    expect(await seatStatus(page, row[3]!.id)).toBe("available");

    // Seats 3 and 4 instead: two free seats stay on the left.
    await clickSeat(page, row[1]!.id);
    await clickSeat(page, row[2]!.id);
    await page.getByRole("button", { name: "Hold seats" }).click();
    await expect(page.getByRole("button", { name: "Checkout" })).toBeVisible();
    await expect.poll(() => seatStatus(page, row[2]!.id)).toBe("held");
    await expect.poll(() => seatStatus(page, row[3]!.id)).toBe("held");
  } finally {
    await context.close();
  }
});

test("the organizer cancels and refunds a fan's order from the event's dashboard, by keyboard", async ({ browser }) => {
  test.setTimeout(90_000);
  const eventId = await ownEvent(`Refund Desk ${Date.now()}`, { selfCancel: false });
  const fan = await browser.newContext();
  const admin = await browser.newContext();
  try {
    await signUpFan(fan, "Robin");
    const seats = sixInARow(await query<SeatMap>(fan, "seats.map", { eventId })).slice(0, 2);
    const hold = await fan.request.post("/trpc/holds.create", {
      data: { json: { eventId, seatIds: seats.map((seat) => seat.id) } },
    });
    expect(hold.ok(), `holds.create answered ${hold.status()}`).toBeTruthy();
    const { holdId } = ((await hold.json()) as { result: { data: { json: { holdId: string } } } }).result.data.json;
    const paid = await fan.request.post("/trpc/checkout.complete", {
      data: {
        json: {
          holdId,
          idempotencyKey: randomUUID(),
          payment: { cardNumber: "4242424242424242", expMonth: 12, expYear: 2030, cvc: "123", name: "Robin Fan" },
        },
      },
    });
    expect(paid.ok(), `checkout.complete answered ${paid.status()}`).toBeTruthy();
    const orderId = ((await paid.json()) as { result: { data: { json: { order: { id: string } } } } }).result.data.json.order.id;
    const code = orderId.slice(0, 8).toUpperCase();

    await signInAsAdmin(admin);
    const page = await admin.newPage();
    await page.goto(`/admin/events/${eventId}`);
    const orders = page.getByRole("region", { name: "Orders" });
    await orders.getByLabel("Find an order").fill(code.toLowerCase());
    const row = orders.getByRole("row").filter({ hasText: code });
    await expect(row).toContainText("2 tickets");
    await expect(row).toContainText("$85");
    await expect(row).toContainText("Confirmed");

    // By keyboard: the button opens the confirmation, which starts on the safe choice.
    const cancelButton = row.getByRole("button", { name: `Cancel and refund order ${code}` });
    await cancelButton.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `Cancel order ${code}?` });
    await expect(dialog).toContainText("$85 will be refunded in full");
    await expect(dialog.getByRole("button", { name: "Keep the order" })).toBeFocused();

    // The network fails: the organizer is told, and the order is still there to cancel.
    await page.route(/\/trpc\/admin\.orders\.cancel/, (route) => route.abort("internetdisconnected"));
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect(dialog.getByRole("alert")).toHaveText("We couldn't reach Frontrow. Check your connection and try again.");
    await page.unrouteAll({ behavior: "wait" });

    // A slow answer (held back a few seconds, released by itself: a route waiting on the test can stall it): the
    // confirm button says it is working and cannot be pressed twice.
    await page.route(/\/trpc\/admin\.orders\.cancel/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      await route.continue();
    });
    await dialog.getByRole("button", { name: "Cancel and refund" }).focus();
    await page.keyboard.press("Enter");
    const working = dialog.getByRole("button", { name: "Cancelling…" });
    await expect(working).toBeDisabled();
    await expect(working).toHaveAttribute("aria-busy", "true");

    await expect(dialog).toBeHidden({ timeout: 15_000 });
    await expect(row).toContainText("Cancelled");
    await expect(row).toContainText("Refunded $85");
    await expect(row.getByRole("button", { name: /Cancel and refund/ })).toHaveCount(0);
    await expect(page.getByTestId("orders-announcement")).toHaveText(`Order ${code} cancelled; $85 refunded to Robin.`);
    // The focus lands on the order's new state, not lost with the button.
    await expect(row.locator(".event-orders__state")).toBeFocused();

    // What the fan sees, and the seats back on sale.
    expect(await query<{ status: string; refundedCents: number }>(fan, "orders.byId", { orderId })).toMatchObject({
      status: "cancelled",
      refundedCents: 8_500,
    });
    const after = await query<SeatMap>(fan, "seats.map", { eventId });
    for (const seat of seats) expect(after.seats.find((candidate) => candidate.id === seat.id)?.status).toBe("available");
  } finally {
    await fan.close();
    await admin.close();
  }
});
