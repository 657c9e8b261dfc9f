import { expect, test, type Page } from "@playwright/test";
import { expectSignedIn, openSeatMap, seatStatus } from "./support";

interface EventSummary {
  id: string;
  name: string;
  status: string;
  waitingRoom: boolean;
}

/** A tRPC query over plain HTTP with the page's cookies (superjson envelope). */
async function trpcQuery<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.get(
    `/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(response.ok(), `${path} answered ${response.status()}`).toBeTruthy();
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function trpcMutation<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path} answered ${response.status()}: ${await response.text()}`).toBeTruthy();
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function fillCard(page: Page, cardNumber: string) {
  await page.getByLabel("Card number").fill(cardNumber);
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("Name on card").fill("Casey Checkout");
}

test("a fan is declined, pays with another card, sees their tickets and cancels the order", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const name = "Casey Checkout";
  const email = `checkout-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

  // Sign up through the UI; the session cookie is shared with page.request.
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-very-good-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expectSignedIn(page, name);
  const userMenu = page.getByRole("button", { name: new RegExp(name) });

  // An on-sale event without a waiting room, and two seats held on it through the API.
  const { items } = await trpcQuery<{ items: EventSummary[] }>(page, "events.list", { q: "glass" });
  const event = items.find((item) => item.status === "on_sale" && !item.waitingRoom);
  expect(event, "an on-sale event without a waiting room matching 'glass'").toBeTruthy();
  const hold = await trpcMutation<{ holdId: string; seatIds: string[]; expiresAt: string }>(
    page,
    "holds.create",
    {
      eventId: event!.id,
      best: { quantity: 2 },
    },
  );
  expect(hold.holdId.startsWith(`${event!.id}.`)).toBeTruthy();

  // A second fan's browser has the same seat map open the whole time.
  const watcherContext = await browser.newContext();
  const watcher = await watcherContext.newPage();
  await openSeatMap(watcher, event!.id);
  await expect.poll(() => seatStatus(watcher, hold.seatIds[0]!), { timeout: 30_000 }).toBe("held");

  await page.goto(`/checkout/${hold.holdId}`);
  await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
  await expect(page.getByText(/Seats held for/)).toBeVisible();
  await expect(page.getByText("Tickets (2)")).toBeVisible();

  // Client-side validation mirrors the server's (Luhn included).
  await page.getByLabel("Card number").fill("4242 4242 4242 4241");
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(page.getByText("This card number is not valid")).toBeVisible();

  // Declined: the message shows and the form stays, with the hold.
  await fillCard(page, "4000 0000 0000 0002");
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(page.getByText("Your card was declined.")).toBeVisible();
  await expect(page.getByLabel("Card number")).toHaveValue("4000 0000 0000 0002");
  await expect(page.getByRole("button", { name: /^Pay/ })).toBeEnabled();
  await expect(page.getByText(/Seats held for/)).toBeVisible();

  // Approved.
  await page.getByLabel("Card number").fill("4242424242424242");
  await expect(page.getByLabel("Card number")).toHaveValue("4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?confirmed=1$/);
  const orderUrl = new URL(page.url());
  const orderId = orderUrl.pathname.split("/").pop()!;
  await expect(page.getByText("You're going")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(event!.name);
  for (const seatId of hold.seatIds) await expect.poll(() => seatStatus(watcher, seatId)).toBe("sold");

  const tickets = page.getByRole("article", { name: /^Ticket FR-/ });
  await expect(tickets).toHaveCount(2);
  const codes = await tickets.getByText(/^FR-[0-9A-Z]{4}-[0-9A-Z]{4}$/).allInnerTexts();
  expect(codes).toHaveLength(2);
  for (const code of codes) expect(code).toMatch(/FR-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  const qrImages = page.getByRole("img", { name: /QR code for ticket FR-/ });
  await expect(qrImages).toHaveCount(2);
  for (const image of await qrImages.all()) {
    await expect(image).toHaveJSProperty("complete", true);
    expect(await image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  }
  await expect(page.getByText(/•••• 4242|4242$/).first()).toBeVisible();

  const download = page.getByRole("link", { name: "Download tickets (PDF)" });
  await expect(download).toHaveAttribute("href", `/api/orders/${orderId}/tickets.pdf`);
  await expect(download).toHaveAttribute("download", /\.pdf$/);
  const pdf = await page.request.get(`/api/orders/${orderId}/tickets.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");

  // The order is listed in My orders, once (the declined attempt made no order).
  await userMenu.click();
  await page.getByRole("link", { name: "My orders" }).click();
  await expect(page.getByRole("heading", { name: "My orders", level: 1 })).toBeVisible();
  const orderLinks = page.getByRole("link", { name: event!.name });
  await expect(orderLinks).toHaveCount(1);
  await expect(page.getByText("Confirmed")).toBeVisible();
  await expect(page.getByText("2 tickets")).toBeVisible();
  await orderLinks.click();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
  await expect(page.getByText("You're going")).toHaveCount(0);

  // Cancel through the confirmation dialog.
  await page.getByRole("button", { name: /^Cancel order/ }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this order?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep my tickets" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: /^Cancel order/ }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: /^Cancel order/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Order cancelled\. A refund of/)).toBeVisible();
  // The other fan's map shows the seats on sale again, without a reload.
  for (const seatId of hold.seatIds) await expect.poll(() => seatStatus(watcher, seatId)).toBe("available");
  await watcherContext.close();
  await expect(page.getByRole("main").getByText("Cancelled", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code for ticket/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Cancel order/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Download tickets (PDF)" })).toHaveCount(0);

  // And My orders agrees after a reload.
  await page.goto("/orders");
  await expect(page.getByRole("heading", { name: "My orders", level: 1 })).toBeVisible();
  await expect(
    page.getByRole("listitem").filter({ hasText: event!.name }).getByText("Cancelled"),
  ).toBeVisible();
});
