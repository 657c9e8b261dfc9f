import { expect, type BrowserContext } from "@playwright/test";
import { query } from "./support";

/** Signs the context in as the seeded organizer (admin@frontrow.test). */
export async function signInAsAdmin(context: BrowserContext): Promise<void> {
  const response = await context.request.post("/trpc/auth.login", {
    data: { json: { email: "admin@frontrow.test", password: "frontrow-demo" } },
  });
  expect(response.ok(), `admin login answered ${response.status()}`).toBeTruthy();
}

/** A tRPC mutation over plain HTTP (superjson envelope), with the context's cookies. */
export async function mutate<T>(context: BrowserContext, path: string, input: unknown): Promise<T> {
  const response = await context.request.post(`/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path} answered ${response.status()}: ${await response.text()}`).toBeTruthy();
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

export interface VenueSeat {
  id: string;
  sectionId: string;
  row: string;
  number: number;
}

/** A unique suffix so parallel runs on one server never share names. */
export function stamp(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/**
 * Through the organizer's API (the admin console is covered by admin-console.spec.ts): a venue with one straight
 * section "Stalls" of `rows` × `seatsPerRow`, and an event on it with one tier pricing it.
 */
export async function createVenueAndEvent(
  admin: BrowserContext,
  options: {
    name: string;
    timezone: string;
    startsAt: Date;
    onSaleAt: Date;
    rows?: number;
    seatsPerRow?: number;
    waitingRoom?: boolean;
    /** Seat marks set on the venue before the event is created, by seat "row/number" ("A/1"). */
    marks?: Record<string, { accessible?: boolean; companion?: boolean; restrictedView?: boolean }>;
  },
): Promise<{ venueId: string; eventId: string; seats: VenueSeat[] }> {
  const { venueId } = await mutate<{ venueId: string }>(admin, "admin.venues.create", {
    name: `${options.name} Hall`,
    city: "Testville",
    timezone: options.timezone,
    width: 400,
    height: 300,
    sections: [
      {
        kind: "reserved",
        name: "Stalls",
        shape: "straight",
        rows: options.rows ?? 2,
        seatsPerRow: options.seatsPerRow ?? 6,
        origin: { x: 200, y: 120 },
        facingDegrees: 270,
      },
    ],
  });
  const venue = await query<{ sections: Array<{ id: string }>; seats: VenueSeat[] }>(admin, "admin.venues.byId", {
    venueId,
  });
  for (const [place, mark] of Object.entries(options.marks ?? {})) {
    const [row, number] = place.split("/");
    const seat = venue.seats.find((candidate) => candidate.row === row && candidate.number === Number(number));
    expect(seat, `seat ${place}`).toBeTruthy();
    await mutate(admin, "admin.venues.setSeatAttributes", { venueId, seatIds: [seat!.id], ...mark });
  }
  const { eventId } = await mutate<{ eventId: string }>(admin, "admin.events.create", {
    venueId,
    name: options.name,
    performer: "The Testers",
    category: "concert",
    startsAt: options.startsAt.toISOString(),
    onSaleAt: options.onSaleAt.toISOString(),
    ...(options.waitingRoom ? { waitingRoom: {} } : {}),
    tiers: [{ name: "Standard", priceCents: 4_500, color: "#3366ff", sectionIds: venue.sections.map((s) => s.id) }],
  });
  return { venueId, eventId, seats: venue.seats };
}
