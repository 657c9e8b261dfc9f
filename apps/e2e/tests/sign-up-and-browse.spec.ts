import { expect, test } from "@playwright/test";
import { expectSignedIn } from "./support";

test("a newcomer signs up, signs out, signs back in, searches the catalog and opens an event", async ({ page }) => {
  test.setTimeout(60_000);
  const email = `newcomer-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const password = "a-very-good-password";

  await page.goto("/");
  await expect(page.getByRole("link", { name: /sign up/i })).toBeVisible();

  await page.getByRole("link", { name: /sign up/i }).click();
  await page.getByLabel("Name").fill("Nova Newcomer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/at least 8 characters/i).first()).toBeVisible();
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();

  const userMenu = page.getByRole("button", { name: /Nova Newcomer/ });
  await expectSignedIn(page, "Nova Newcomer");
  await page.reload();
  await expect(userMenu).toBeVisible();

  await userMenu.click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: /sign in/i })).toBeVisible();

  await page.getByRole("link", { name: /sign in/i }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password-here");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/email or password is incorrect/i)).toBeVisible();
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectSignedIn(page, "Nova Newcomer");

  await page.goto("/");
  const search = page.getByLabel("Search events");
  await search.fill("zzzz-no-such-show");
  await expect(page.getByText(/no events match/i)).toBeVisible();
  await search.fill("arena");
  await expect(page).toHaveURL(/q=arena/);
  const firstEvent = page.getByRole("main").getByRole("link").first();
  await expect(firstEvent).toBeVisible();
  const eventName = (await firstEvent.getAttribute("aria-label")) ?? (await firstEvent.innerText()).split("\n")[0]!;
  await firstEvent.click();
  await expect(page).toHaveURL(/\/events\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(eventName.trim().slice(0, 12));
  await expect(page.getByRole("table")).toBeVisible();
  await expect(page.getByText(/per fan|per-fan|tickets per/i).first()).toBeVisible();
});
