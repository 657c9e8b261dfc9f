import { expect, test, type BrowserContext } from "@playwright/test";
import { mutate } from "./organizer";
import { query, signUpFan, type EventSummary } from "./support";

/** Signs the context in as the seeded door staff account (the scanner role). */
async function signInAsDoorStaff(context: BrowserContext): Promise<void> {
  const response = await context.request.post("/trpc/auth.login", {
    data: { json: { email: "door@frontrow.test", password: "frontrow-demo" } },
  });
  expect(response.ok(), `door staff login answered ${response.status()}`).toBeTruthy();
}

/**
 * A fan's ticket page shows the ticket's live code; door staff at one door let it in by typing it (as a handheld
 * scanner does), a second door refuses it as already used, and the fan's page then says when it was used. A fan
 * opening the scanner is told it is for door staff.
 */
test("a ticket's live code gets in once: the second door refuses it", async ({ browser }) => {
  test.setTimeout(90_000);
  const fanContext = await browser.newContext();
  await signUpFan(fanContext, "Dora");
  // Not the Glass Menagerie: checkout.spec.ts cancels seats there and waits for them to show on sale again, and
  // a best-available hold from this flow (the flows run in parallel) could take them first.
  const { items } = await query<{ items: EventSummary[] }>(fanContext, "events.list", { q: "snow queen" });
  const event = items.find((item) => item.status === "on_sale" && !item.waitingRoom);
  expect(event, "an on-sale event without a waiting room matching 'snow queen'").toBeTruthy();
  const hold = await mutate<{ holdId: string }>(fanContext, "holds.create", {
    eventId: event!.id,
    best: { quantity: 1 },
  });
  const { order } = await mutate<{ order: { id: string; tickets: Array<{ code: string }> } }>(
    fanContext,
    "checkout.complete",
    {
      holdId: hold.holdId,
      idempotencyKey: `e2e-door-${Date.now()}`,
      payment: { cardNumber: "4242424242424242", expMonth: 12, expYear: 2099, cvc: "123", name: "Dora" },
    },
  );

  const fan = await fanContext.newPage();
  await fan.goto(`/orders/${order.id}`);
  const live = fan.getByTestId("rotating-code");
  await expect(live).toHaveAttribute("data-code", /^FRT2\./);
  const code = (await live.getAttribute("data-code"))!;

  await fan.goto(`/scan?event=${event!.id}`);
  await expect(fan.getByText("The door scanner is for door staff")).toBeVisible();

  const doors = [await browser.newContext(), await browser.newContext()];
  for (const door of doors) await signInAsDoorStaff(door);
  const [first, second] = [await doors[0]!.newPage(), await doors[1]!.newPage()];
  for (const page of [first, second]) await page.goto(`/scan?event=${event!.id}`);

  await first.getByLabel("Ticket code").fill(code);
  await first.getByLabel("Ticket code").press("Enter");
  const admitted = first.locator(".scan-result--latest");
  await expect(admitted).toHaveAttribute("data-verdict", "admitted");
  await expect(admitted).toContainText("Let in");
  await expect(admitted).toContainText(order.tickets[0]!.code);

  await second.getByLabel("Ticket code").fill(code);
  await second.getByLabel("Ticket code").press("Enter");
  const refused = second.locator(".scan-result--latest");
  await expect(refused).toHaveAttribute("data-verdict", "refused");
  await expect(refused).toContainText("Already used");

  await fan.goto(`/orders/${order.id}`);
  await expect(fan.getByRole("article", { name: `Ticket ${order.tickets[0]!.code}` })).toContainText("Used");
});
