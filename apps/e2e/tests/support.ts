import { randomUUID } from "node:crypto";
import { expect, type BrowserContext, type Page } from "@playwright/test";
import type { Sql } from "postgres";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";

/**
 * The seat map's test hook (apps/web/src/features/seat-map/test-hook.ts). The map addresses seats by layout index; naming
 * one by id makes the page load the seat ids first (`seatStatus` says "unknown" until then).
 */
interface SeatMapHook {
  clickSeat(seatId: string): Promise<void>;
  seatStatus(seatId: string): string;
}

export interface EventSummary {
  id: string;
  name: string;
  status: string;
  waitingRoom: boolean;
  capacity: number;
}

export interface SeatMap {
  sections: Array<{ id: string; name: string; kind: string }>;
  seats: Array<{ id: string; sectionId: string; row: string; number: number; status: string; accessible: boolean }>;
}

/**
 * Available seats a fan may hold on their own under the single-seat rule (on for the seeded events): none of them
 * leaves a free neighbour with no free seat beyond it. Wheelchair spaces take no part in the rule.
 */
export function seatsHoldableAlone(map: SeatMap): SeatMap["seats"] {
  const byPlace = new Map(map.seats.map((seat) => [`${seat.sectionId}|${seat.row}|${seat.number}`, seat]));
  const free = (seat: SeatMap["seats"][number], number: number) => {
    const other = byPlace.get(`${seat.sectionId}|${seat.row}|${number}`);
    return other !== undefined && !other.accessible && other.status === "available";
  };
  return map.seats.filter(
    (seat) =>
      seat.status === "available" &&
      !seat.accessible &&
      [-1, 1].every((step) => !free(seat, seat.number + step) || free(seat, seat.number + 2 * step)),
  );
}

/** A tRPC query over plain HTTP (superjson envelope), with the context's cookies. */
export async function query<T>(context: BrowserContext | Page, path: string, input: unknown): Promise<T> {
  const response = await context.request.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.ok(), `${path} answered ${response.status()}`).toBeTruthy();
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** The sign-up's proof-of-work, solved here as the web app's ALTCHA widget solves it in the browser. */
async function signUpProofOfWork(context: BrowserContext): Promise<string | undefined> {
  const offer = await query<{ required: boolean; challenge?: Challenge }>(context, "auth.challenge", undefined);
  if (!offer.required || !offer.challenge) return undefined;
  const solution = await solveChallenge({ challenge: offer.challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge: offer.challenge, solution })).toString("base64");
}

/** Registers a fresh fan through the API; the session cookie lands in the browser context. Returns their email. */
export async function signUpFan(context: BrowserContext, name: string): Promise<string> {
  const email = `e2e-${name.toLowerCase()}-${Date.now()}-${Math.floor(Math.random() * 1e9)}@example.com`;
  const proofOfWork = await signUpProofOfWork(context);
  const response = await context.request.post("/trpc/auth.register", {
    data: { json: { email, password: "a-very-good-password", name, proofOfWork } },
  });
  expect(response.ok(), `register answered ${response.status()}: ${await response.text()}`).toBeTruthy();
  return email;
}

/**
 * Waits for the header's user menu after a sign-up or sign-in through the form. The browser solves a
 * proof-of-work challenge and the server hashes the password with Argon2, both costly on purpose: on a busy
 * two-core machine that is seconds, not the default expect timeout.
 */
export async function expectSignedIn(page: Page, name: string): Promise<void> {
  await expect(page.getByRole("button", { name: new RegExp(name) })).toBeVisible({ timeout: 20_000 });
}

/** What this page's seat map shows for a seat. */
export function seatStatus(page: Page, seatId: string): Promise<string> {
  return page.evaluate(
    (id) => (window as unknown as { __frontrowSeatMap: SeatMapHook }).__frontrowSeatMap.seatStatus(id),
    seatId,
  );
}

/** Does what a click on that seat of the canvas does. */
export function clickSeat(page: Page, seatId: string): Promise<void> {
  return page.evaluate(
    (id) => (window as unknown as { __frontrowSeatMap: SeatMapHook }).__frontrowSeatMap.clickSeat(id),
    seatId,
  );
}

/** Opens the event's seat map and waits until it is drawn and its live feed is up. */
export async function openSeatMap(page: Page, eventId: string): Promise<void> {
  await page.goto(`/events/${eventId}/seats`);
  await expect(page.getByRole("application", { name: "Seat map" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("seat-map-canvas")).toBeVisible();
  // The live feed must be up, or the page could only learn about others' holds from its own requests.
  await expect(page.getByRole("status").filter({ hasText: /^Live/ })).toBeVisible();
  await page.waitForFunction(() => "__frontrowSeatMap" in window);
}

/** Puts every section and seat of the venue on sale for a new event, at $40 a seat (one "Standard" tier). */
export async function sellEverySeatAt40(sql: Sql, eventId: string, venueId: string): Promise<void> {
  const tierId = randomUUID();
  await sql`insert into price_tiers (id, event_id, name, price_cents, color) values (${tierId}, ${eventId}, 'Standard', 4000, '#2563eb')`;
  await sql`
    insert into event_sections (event_id, section_id, tier_id, capacity)
    select ${eventId}, id, ${tierId}, capacity from sections where venue_id = ${venueId}`;
  await sql`
    insert into event_seats (event_id, seat_id, section_id, tier_id)
    select ${eventId}, id, section_id, ${tierId} from seats where venue_id = ${venueId}`;
}
