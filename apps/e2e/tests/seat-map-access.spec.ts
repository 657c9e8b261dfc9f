import { expect, test, type Browser, type Page } from "@playwright/test";
import { createVenueAndEvent, signInAsAdmin, stamp } from "./organizer";
import { clickSeat, openSeatMap, signUpFan } from "./support";

const DAY = 86_400_000;

async function onSaleEvent(browser: Browser, marks?: Parameters<typeof createVenueAndEvent>[1]["marks"]) {
  const adminContext = await browser.newContext();
  await signInAsAdmin(adminContext);
  const created = await createVenueAndEvent(adminContext, {
    name: `Access ${stamp()}`,
    timezone: "America/Chicago",
    startsAt: new Date(Date.now() + 20 * DAY),
    onSaleAt: new Date(Date.now() - 60_000),
    marks,
  });
  await adminContext.close();
  return created;
}

/** The seat map's polite live region: what a screen reader says. */
const announcer = (page: Page) => page.getByTestId("seat-map-announcer");

test("keyboard only: the map announces where arrows start, shows a focus ring, and a seat is chosen", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { eventId } = await onSaleEvent(browser);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await signUpFan(context, "Keys");
  const page = await context.newPage();
  await openSeatMap(page, eventId);
  // What the colours mean is in view with the map, without scrolling.
  const legend = (await page.getByRole("list", { name: "Seat markers" }).boundingBox())!;
  expect(legend.y + legend.height).toBeLessThanOrEqual(900);

  // Tab until the map has the focus, as a keyboard user would.
  const canvas = page.getByTestId("seat-map-canvas");
  for (let i = 0; i < 60 && !(await canvas.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(canvas).toBeFocused();

  // The entry point is announced: which seat the first arrow key goes to.
  await expect(announcer(page)).toHaveText(/^Seat map\. Stalls, row A, seat 1, \$45, available: the first arrow key starts here/);

  // The focus ring is drawn above the canvas (the canvas paints over its own box).
  const ring = await page.locator(".seat-canvas").evaluate((el) => getComputedStyle(el, "::after").boxShadow);
  expect(ring).toContain("rgb(91, 61, 245)");

  // The first arrow key lands on that seat, whatever arrow it is; the next moves along.
  await page.keyboard.press("ArrowUp");
  await expect(announcer(page)).toHaveText("Stalls, row A, seat 1, $45, available");
  await page.keyboard.press("ArrowRight");
  await expect(announcer(page)).not.toHaveText("Stalls, row A, seat 1, $45, available");
  const moved = (await announcer(page).textContent())!;
  expect(moved).toMatch(/^Stalls, row [AB], seat \d+, \$45, available$/);
  await page.keyboard.press("Enter");
  const seatName = moved.split(", $")[0]!;
  await expect(page.getByRole("list", { name: "Selected seats" })).toContainText(seatName);
  await expect(canvas).toBeFocused();
  await context.close();
});

test("a fan who picks a wheelchair space is told what it is and confirms before it is held", async ({ browser }) => {
  test.setTimeout(90_000);
  const { eventId, seats } = await onSaleEvent(browser, {
    "A/3": { accessible: true },
    "A/4": { companion: true, restrictedView: true },
  });
  const seat = (row: string, number: number) => seats.find((s) => s.row === row && s.number === number)!.id;
  const context = await browser.newContext();
  await signUpFan(context, "Wheels");
  const page = await context.newPage();
  await openSeatMap(page, eventId);

  await clickSeat(page, seat("A", 3));
  await clickSeat(page, seat("A", 4));
  const selection = page.getByRole("list", { name: "Selected seats" });
  const space = selection.getByRole("listitem").filter({ hasText: "Stalls, row A, seat 3" });
  await expect(space.getByText("Wheelchair space", { exact: true })).toBeVisible();
  const companion = selection.getByRole("listitem").filter({ hasText: "Stalls, row A, seat 4" });
  await expect(companion.getByText("Companion seat", { exact: true })).toBeVisible();
  await expect(companion.getByText("Restricted view", { exact: true })).toBeVisible();

  // Holding asks first; going back holds nothing.
  await page.getByRole("button", { name: "Hold seats" }).click();
  const dialog = page.getByRole("dialog", { name: "Hold a wheelchair space?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Stalls, row A, seat 3 is a wheelchair space");
  await dialog.getByRole("button", { name: "Go back" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Checkout" })).toHaveCount(0);

  await page.getByRole("button", { name: "Hold seats" }).click();
  await dialog.getByRole("button", { name: "Yes, hold the wheelchair space" }).click();
  await page.getByRole("button", { name: "Checkout" }).click();
  await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
  const lines = page.locator(".summary-lines");
  await expect(lines.locator("li").filter({ hasText: "Stalls, row A, seat 3" })).toContainText("Wheelchair space");
  await expect(lines.locator("li").filter({ hasText: "Stalls, row A, seat 4" })).toContainText("Companion seat");
  await expect(lines.locator("li").filter({ hasText: "Stalls, row A, seat 4" })).toContainText("Restricted view");
  await context.close();
});
