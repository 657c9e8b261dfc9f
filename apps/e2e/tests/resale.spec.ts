import { expect, test } from "@playwright/test";
import { mutate } from "./organizer";
import {
  clickSeat,
  expectSignedIn,
  openSeatMap,
  query,
  seatsHoldableAlone,
  seatStatus,
  signUpFan,
  type EventSummary,
  type SeatMap,
} from "./support";

/**
 * A fan lists a ticket at face value in one browser; a second fan sees the seat as a resale seat on the map, holds it
 * and pays in another; the seller's page then reads the ticket as resold and the refund on its way (or made).
 */
test("a ticket sold at face value to a fan in a second browser", async ({ browser }) => {
  test.setTimeout(90_000);
  const sellerContext = await browser.newContext();
  const buyerContext = await browser.newContext();
  await signUpFan(sellerContext, "Seller");
  await signUpFan(buyerContext, "Buyer");

  // Static Bloom: an on-sale event no other flow buys on. One seated (balcony) ticket, bought through the API.
  const { items } = await query<{ items: EventSummary[] }>(sellerContext, "events.list", { q: "static bloom" });
  const event = items.find((item) => item.status === "on_sale" && !item.waitingRoom);
  expect(event, "an on-sale event without a waiting room matching 'static bloom'").toBeTruthy();
  const map = await query<SeatMap>(sellerContext, "seats.map", { eventId: event!.id });
  const seats = seatsHoldableAlone(map);
  const seat = seats[Math.floor(Math.random() * seats.length)]!;
  const hold = await mutate<{ holdId: string }>(sellerContext, "holds.create", { eventId: event!.id, seatIds: [seat.id] });
  const { order } = await mutate<{ order: { id: string; tickets: Array<{ seat: string; code: string; priceCents: number }> } }>(
    sellerContext,
    "checkout.complete",
    {
      holdId: hold.holdId,
      idempotencyKey: `e2e-resale-${Date.now()}`,
      payment: { cardNumber: "4242424242424242", expMonth: 12, expYear: 2099, cvc: "123", name: "Seller" },
    },
  );
  const [ticket] = order.tickets;

  // The seller lists it: the confirm names the price; the panel then says it is listed, with Withdraw.
  const seller = await sellerContext.newPage();
  await seller.goto(`/orders/${order.id}`);
  await expectSignedIn(seller, "Seller");
  const panel = seller.getByRole("region", { name: "Sell at face value" });
  await panel.getByRole("button", { name: "Sell at face value" }).click();
  const dialog = seller.getByRole("dialog", { name: "Sell this ticket at face value?" });
  await expect(dialog).toContainText(ticket!.seat);
  await dialog.getByRole("button", { name: /^List for / }).click();
  await expect(panel.getByTestId("resale-ticket")).toContainText("Listed for resale");
  await expect(panel.getByRole("button", { name: "Withdraw" })).toBeVisible();

  // The buyer sees it on the map as a resale seat (with its legend entry), holds it and pays.
  const buyer = await buyerContext.newPage();
  await openSeatMap(buyer, event!.id);
  await expect(buyer.getByText("Resale · face value")).toBeVisible();
  await expect.poll(() => seatStatus(buyer, seat.id), { timeout: 15_000 }).toBe("resale");
  await clickSeat(buyer, seat.id);
  await buyer.getByRole("button", { name: "Hold seats" }).click();
  await buyer.getByRole("button", { name: "Checkout" }).click();
  await expect(buyer.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
  await buyer.getByLabel("Card number").fill("4242424242424242");
  await buyer.getByLabel("Expiry (MM/YY)").fill("12/30");
  await buyer.getByLabel("Security code").fill("123");
  await buyer.getByLabel("Name on card").fill("Buyer");
  await buyer.getByRole("button", { name: /^Pay/ }).click();
  await expect(buyer).toHaveURL(/\/orders\/[0-9a-f-]{36}\?confirmed=1$/);
  await expect(buyer.getByRole("article", { name: /^Ticket FR-/ })).toContainText("Valid");

  // The seller's page, reloaded: the ticket is resold and the refund on its way (or already made).
  await seller.reload();
  await expect(seller.getByRole("article", { name: `Ticket ${ticket!.code}` })).toContainText("Resold");
  await expect(panel.getByTestId("resale-ticket")).toContainText(/Sold — (refund of .+ on its way|.+ refunded)/);
  await expect(panel.getByRole("button", { name: "Withdraw" })).toHaveCount(0);

  await sellerContext.close();
  await buyerContext.close();
});
