import { expect, test } from "@playwright/test";
import { createVenueAndEvent, mutate, signInAsAdmin, stamp } from "./organizer";
import { query } from "./support";

test("an organizer-scheduled on-sale starts by itself: the console says On sale and the waiting room stays on", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const adminContext = await browser.newContext();
  await signInAsAdmin(adminContext);
  const name = `Self Start ${stamp()}`;
  // On sale in a few seconds, nobody presses anything: far enough out that the pages below are open before it, even
  // on a busy machine (12 s was not: the event was on sale before its dashboard had loaded).
  const onSaleAt = new Date(Date.now() + 25_000);
  const { eventId } = await createVenueAndEvent(adminContext, {
    name,
    timezone: "America/New_York",
    startsAt: new Date(Date.now() + 30 * 86_400_000),
    onSaleAt,
    waitingRoom: true,
  });

  const list = await adminContext.newPage();
  await list.goto(`/admin?q=${encodeURIComponent(name)}`);
  const row = list.getByRole("row").filter({ hasText: name });
  await expect(row.getByText("Scheduled", { exact: true })).toBeVisible();

  const dashboard = await adminContext.newPage();
  await dashboard.goto(`/admin/events/${eventId}`);
  await expect(dashboard.getByRole("button", { name: "Put on sale now" })).toBeVisible();

  // The on-sale time passes with both pages open: they change by themselves, no reload.
  await expect(row.getByText("On sale", { exact: true })).toBeVisible({ timeout: 45_000 });
  expect(Date.now()).toBeGreaterThanOrEqual(onSaleAt.getTime());
  await expect(dashboard.getByRole("button", { name: "Pause sales" })).toBeVisible({ timeout: 15_000 });
  await expect(dashboard.getByRole("button", { name: "Put on sale now" })).toHaveCount(0);
  await expect(dashboard.locator(".dashboard__title-row").getByText("On sale", { exact: true })).toBeVisible();

  // A fresh load agrees, and so does the public API.
  await list.reload();
  await expect(list.getByRole("row").filter({ hasText: name }).getByText("On sale", { exact: true })).toBeVisible();
  expect((await query<{ status: string }>(adminContext, "events.byId", { eventId })).status).toBe("on_sale");

  // Mid-sale the waiting room cannot be switched off: the form says so and the server refuses it.
  const edit = await adminContext.newPage();
  await edit.goto(`/admin/events/${eventId}/edit`);
  await expect(edit.getByRole("switch", { name: "Use a waiting room" })).toBeDisabled();
  await expect(edit.getByText(/can't be switched on or off once the event has gone on sale/)).toBeVisible();
  const form = await query<Record<string, unknown>>(adminContext, "admin.events.byId", { eventId });
  const response = await adminContext.request.post("/trpc/admin.events.update", {
    data: {
      json: {
        eventId,
        name: form.name,
        performer: form.performer,
        category: form.category,
        startsAt: form.startsAt,
        onSaleAt: form.onSaleAt,
        tiers: (form.tiers as Array<Record<string, unknown>>).map((tier) => ({
          id: tier.id,
          name: tier.name,
          priceCents: tier.priceCents,
          color: tier.color,
          sectionIds: tier.sectionIds,
        })),
      },
    },
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("cannot be turned off once the event is on sale");
  expect((await query<{ waitingRoom: unknown }>(adminContext, "admin.events.byId", { eventId })).waitingRoom).not.toBeNull();
  // The organizer can still pause it, as any on-sale.
  await mutate(adminContext, "admin.events.setStatus", { eventId, action: "pause" });
  await adminContext.close();
});
