import { expect, test, type BrowserContext } from "@playwright/test";
import { clickSeat, openSeatMap, query, signUpFan, type SeatMap } from "./support";

async function signInAsAdmin(context: BrowserContext) {
  const response = await context.request.post("/trpc/auth.login", {
    data: { json: { email: "admin@frontrow.test", password: "frontrow-demo" } },
  });
  expect(response.ok(), `admin login answered ${response.status()}`).toBeTruthy();
}

test("an admin builds a venue and an event, puts it on sale, and sees a fan's hold counted live", async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const venueName = `Riverside Hall ${stamp}`;
  const eventName = `Lanterns Live ${stamp}`;

  const adminContext = await browser.newContext();
  await signInAsAdmin(adminContext);
  const admin = await adminContext.newPage();

  // A venue with a generated layout: one straight section of 4 rows of 10.
  await admin.goto("/admin/venues/new");
  await admin.getByLabel("Venue name").fill(venueName);
  await admin.getByLabel("City").fill("Portland");
  await admin.getByLabel("Section name").first().fill("Stalls");
  await admin.getByLabel("Rows", { exact: true }).first().fill("4");
  await admin.getByLabel("Seats per row", { exact: true }).first().fill("10");
  await expect(admin.getByText(/\b40 seats\b/).first()).toBeVisible();
  await admin.getByRole("button", { name: "Create venue" }).click();
  await expect(admin).toHaveURL(/\/admin\/venues\/[0-9a-f-]{36}$/, { timeout: 20_000 });

  // An event on it, priced with one tier, on sale later…
  await admin.goto("/admin/events/new");
  await admin.getByLabel("Venue", { exact: true }).selectOption({ label: venueName });
  await admin.getByLabel("Event name").fill(eventName);
  await admin.getByLabel("Performer").fill("The Lanterns");
  await admin.getByLabel("Category").selectOption({ label: "Concert" });
  const year = new Date().getFullYear() + 1;
  await admin.getByLabel("Show starts").fill(`${year}-06-01T20:00`);
  await admin.getByLabel("On-sale starts").fill(`${year}-05-01T10:00`);
  await admin.getByLabel("Tier name").first().fill("Standard");
  await admin.getByLabel("Price").first().fill("45");
  // The only tier prices the only section.
  await expect(admin.getByText("The section has a tier")).toBeVisible();
  await admin.getByRole("button", { name: "Create event" }).click();
  await expect(admin).toHaveURL(/\/admin\/events\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  const eventId = /\/admin\/events\/([0-9a-f-]{36})$/.exec(admin.url())![1]!;

  // …and put on sale now from its dashboard.
  await admin.getByRole("button", { name: "Put on sale now" }).click();
  await admin.getByRole("button", { name: "Yes, put on sale now" }).click();
  await expect(admin.getByRole("button", { name: "Pause sales" })).toBeVisible();
  await expect(admin.getByLabel("Held now")).toHaveText("0");
  await expect(admin.getByLabel("Tickets sold")).toHaveText("0");

  // A fan in another browser finds it in the catalog and holds a seat.
  const fanContext = await browser.newContext();
  await signUpFan(fanContext, "Lumen");
  const fan = await fanContext.newPage();
  await fan.goto("/");
  await fan.getByLabel("Search events").fill(stamp);
  await expect(fan.getByRole("main").getByRole("link", { name: new RegExp(eventName) }).first()).toBeVisible();
  await openSeatMap(fan, eventId);
  const map = await query<SeatMap>(fanContext, "seats.map", { eventId });
  expect(map.seats).toHaveLength(40);
  await clickSeat(fan, map.seats[0]!.id);
  await fan.getByRole("button", { name: "Hold seats" }).click();
  await expect(fan.getByRole("button", { name: "Checkout" })).toBeVisible();

  // The admin's dashboard counts it without a reload.
  await expect(admin.getByLabel("Held now")).toHaveText("1");
  await expect(admin.getByLabel("Tickets sold")).toHaveText("0");

  await Promise.all([adminContext.close(), fanContext.close()]);
});
