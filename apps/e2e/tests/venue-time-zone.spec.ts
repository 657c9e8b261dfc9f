import { expect, test } from "@playwright/test";
import { createVenueAndEvent, mutate, signInAsAdmin, stamp } from "./organizer";
import { signUpFan } from "./support";

// 7:30 PM on Saturday June 12 2027 in Los Angeles (PDT, UTC−7) is 02:30 UTC on Sunday June 13, and 11:30 AM in Tokyo.
const SHOW = new Date("2027-06-13T02:30:00Z");
const VENUE_TIME = /7:30\s?PM PDT/;

test("a fan in Tokyo sees a Los Angeles show at the venue's time, labelled, on every page", async ({ browser }) => {
  test.setTimeout(90_000);
  const adminContext = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  await signInAsAdmin(adminContext);
  const name = `Zone Show ${stamp()}`;
  const { eventId, seats } = await createVenueAndEvent(adminContext, {
    name,
    timezone: "America/Los_Angeles",
    startsAt: SHOW,
    onSaleAt: new Date(Date.now() - 60_000),
  });

  const fanContext = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  await signUpFan(fanContext, "Tokyo");
  const fan = await fanContext.newPage();
  expect(await fan.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe("Asia/Tokyo");

  // The catalog card.
  await fan.goto(`/?q=${encodeURIComponent(name)}`);
  const card = fan.getByRole("article").filter({ hasText: name });
  await expect(card.locator("time").first()).toHaveText(/^Sat, Jun 12, 2027 · 7:30\sPM PDT$/);

  // The event page: the venue's time first, the fan's own beside it.
  await fan.goto(`/events/${eventId}`);
  const when = fan.locator(".event-hero").getByText(VENUE_TIME).first();
  await expect(when).toBeVisible();
  await expect(fan.locator(".event-hero")).toContainText("Saturday, June 12, 2027");
  await expect(fan.locator(".event-hero")).toContainText(/11:30\sAM GMT\+9 your time/);

  // The seat map header.
  await fan.goto(`/events/${eventId}/seats`);
  await expect(fan.locator(".seat-page__facts time")).toHaveText(/^Saturday, June 12, 2027, 7:30\sPM PDT$/);

  // Checkout, then the order and the orders list.
  const hold = await mutate<{ holdId: string }>(fanContext, "holds.create", { eventId, seatIds: [seats[0]!.id] });
  await fan.goto(`/checkout/${hold.holdId}`);
  await expect(fan.locator(".checkout__event time")).toHaveText(/^Saturday, June 12, 2027 · 7:30\sPM PDT$/);
  const { order } = await mutate<{ order: { id: string } }>(fanContext, "checkout.complete", {
    holdId: hold.holdId,
    idempotencyKey: `zone-${stamp()}`,
    payment: { cardNumber: "4242424242424242", expMonth: 12, expYear: 2099, cvc: "123", name: "Tokyo Fan" },
  });
  await fan.goto(`/orders/${order.id}`);
  await expect(fan.locator(".order-head__facts time").first()).toHaveText(/^Saturday, June 12, 2027 · 7:30\sPM PDT$/);
  // Its QR code is drawn at the size it is shown at (nothing stretched), with the standard four-module quiet zone.
  const qr = fan.getByRole("img", { name: /^QR code for ticket FR-/ }).first();
  await expect(qr).toHaveJSProperty("complete", true);
  const sizes = await qr.evaluate((img: HTMLImageElement) => ({ drawn: img.naturalWidth, shown: img.getBoundingClientRect().width }));
  expect(sizes.drawn).toBe(sizes.shown);
  const svg = decodeURIComponent((await qr.getAttribute("src"))!.split(",")[1]!);
  expect(svg).toMatch(/viewBox="0 0 (\d+) \1"/);
  expect(svg).toMatch(/stroke="#000000" d="M4 4\.5h/);
  await fan.goto("/orders");
  const row = fan.getByRole("article").filter({ hasText: name });
  await expect(row.locator(".order-row__meta time").first()).toHaveText(/^Sat, Jun 12, 2027 · 7:30\sPM PDT$/);
  await expect(row.locator(".order-row__day")).toHaveText("12");
  await expect(fan.getByText(/11:30\sAM/)).toHaveCount(0);

  // The organizer, in Tokyo too, sees the venue's time in the console.
  const admin = await adminContext.newPage();
  await admin.goto(`/admin?q=${encodeURIComponent(name)}`);
  await expect(admin.getByRole("row").filter({ hasText: name })).toContainText(VENUE_TIME);
  await admin.goto(`/admin/events/${eventId}`);
  await expect(admin.locator(".dashboard__facts")).toContainText(VENUE_TIME);
  await admin.goto(`/admin/events/${eventId}/edit`);
  await expect(admin.getByLabel("Show starts")).toHaveValue("2027-06-12T19:30");

  await fanContext.close();
  await adminContext.close();
});

test("the venue builder picks the time zone from a list and warns about overlapping sections", async ({ browser }) => {
  const adminContext = await browser.newContext({ timezoneId: "Europe/Berlin" });
  await signInAsAdmin(adminContext);
  const admin = await adminContext.newPage();
  await admin.goto("/admin/venues/new");
  const zone = admin.getByRole("combobox", { name: "Time zone" });
  await expect(zone).toHaveValue("Europe/Berlin");
  expect(await zone.locator("option").count()).toBeGreaterThan(300);
  await zone.selectOption("America/Chicago");
  await expect(zone).toHaveValue("America/Chicago");

  // A second section placed on top of the first is flagged before the venue is created.
  await admin.getByRole("button", { name: "Add section" }).click();
  const originX = admin.getByLabel("Front row centre x");
  const originY = admin.getByLabel("Front row centre y");
  await expect(originX).toHaveCount(2);
  await originX.nth(1).fill(await originX.nth(0).inputValue());
  await originY.nth(1).fill(await originY.nth(0).inputValue());
  const warning = admin.getByText(/^Sections overlap: Stalls and /);
  await expect(warning).toBeVisible({ timeout: 15_000 });
  await originY.nth(1).fill(String(Number(await originY.nth(0).inputValue()) + 40));
  await expect(warning).toHaveCount(0, { timeout: 15_000 });
  await adminContext.close();
});
