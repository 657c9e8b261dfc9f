import { schema, type Database } from "@frontrow/db";
import type { SeatMarks, SeatPosition } from "@frontrow/validators/plain";
import { asc, eq, sql } from "drizzle-orm";
import { listEventTiers } from "../catalog/list-event-tiers";
import { seatPlacementFields, sectionDrawingFields } from "../catalog/venue-layout-fields";
import { DomainError } from "../errors";
import { perDatabase } from "../prepared";

export interface LayoutSeat extends SeatPosition, SeatMarks {
  tierId: string;
}

export interface LayoutSection {
  id: string;
  name: string;
  kind: "reserved" | "general_admission";
  capacity: number;
  tierId: string;
  outline: string;
  labelX: number;
  labelY: number;
}

export interface LayoutTier {
  id: string;
  name: string;
  priceCents: number;
  color: string;
}

export interface EventRules {
  id: string;
  status: "scheduled" | "on_sale" | "paused" | "ended" | "cancelled";
  onSaleAt: Date;
  startsAt: Date;
  salesEndAt: Date | null;
  perFanLimit: number;
  holdSeconds: number;
  feeCents: number;
  currency: string;
  waitingRoomEnabled: boolean;
  preQueueOpensAt: Date | null;
  admitRatePerMinute: number;
  maxActiveShoppers: number;
  shoppingWindowSeconds: number;
  admissionPaused: boolean;
  /** Hand-picked holds may not leave a single seat alone (see single-seat-rule.ts). */
  singleSeatRule: boolean;
  /** Joining the waiting room needs a solved proof-of-work challenge. */
  highDemand: boolean;
  /** Tickets held at once from one client address (see hold-seats-14.lua). */
  heldSeatsPerIp: number;
  /** The venue's layout version when these rules were read (see venues.layoutVersion). */
  layoutVersion: number;
  /** The event's last organizer change when these rules were read: a newer one may have re-priced its seats. */
  updatedAt: Date;
  fairnessSeedHash: string | null;
  /** Secret until the on-sale starts; never send it to a client before then (see fairnessOf). */
  fairnessSeed: string | null;
}

/** What never changes during an on-sale: the event's rules, sections, tiers and seats, indexed for holds. */
export interface EventLayout {
  event: EventRules;
  venue: { id: string; name: string; width: number; height: number; stage: string };
  sections: LayoutSection[];
  tiers: LayoutTier[];
  seats: LayoutSeat[];
  seatById: Map<string, LayoutSeat>;
  sectionById: Map<string, LayoutSection>;
  tierById: Map<string, LayoutTier>;
  /** Seats of each row, ordered by number: `${sectionId}|${row}` → seats. */
  rows: Map<string, LayoutSeat[]>;
}

const { events, venues, eventSections, sections, eventSeats, seats } = schema;

const eventRuleFields = {
  id: events.id,
  status: events.status,
  onSaleAt: events.onSaleAt,
  startsAt: events.startsAt,
  salesEndAt: events.salesEndAt,
  perFanLimit: events.perFanLimit,
  holdSeconds: events.holdSeconds,
  feeCents: events.feeCents,
  currency: events.currency,
  waitingRoomEnabled: events.waitingRoomEnabled,
  preQueueOpensAt: events.preQueueOpensAt,
  admitRatePerMinute: events.admitRatePerMinute,
  maxActiveShoppers: events.maxActiveShoppers,
  shoppingWindowSeconds: events.shoppingWindowSeconds,
  admissionPaused: events.admissionPaused,
  singleSeatRule: events.singleSeatRule,
  highDemand: events.highDemand,
  heldSeatsPerIp: events.heldSeatsPerIp,
  layoutVersion: venues.layoutVersion,
  updatedAt: events.updatedAt,
  fairnessSeedHash: events.fairnessSeedHash,
  fairnessSeed: events.fairnessSeed,
};

const byEventId = sql.placeholder("eventId");

const statements = perDatabase((db) => ({
  rules: db
    .select(eventRuleFields)
    .from(events)
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(events.id, byEventId))
    .prepare("event_layout_rules"),
  eventAndVenue: db
    .select({
      event: eventRuleFields,
      venue: { id: venues.id, name: venues.name, width: venues.width, height: venues.height, stage: venues.stage },
    })
    .from(events)
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(events.id, byEventId))
    .prepare("event_layout_event"),
  sections: db
    .select({ ...sectionDrawingFields, capacity: eventSections.capacity, tierId: eventSections.tierId })
    .from(eventSections)
    .innerJoin(sections, eq(sections.id, eventSections.sectionId))
    .where(eq(eventSections.eventId, byEventId))
    .orderBy(asc(sections.sortOrder), asc(sections.name))
    .prepare("event_layout_sections"),
  seats: db
    .select({ ...seatPlacementFields, tierId: eventSeats.tierId })
    .from(eventSeats)
    .innerJoin(seats, eq(seats.id, eventSeats.seatId))
    .where(eq(eventSeats.eventId, byEventId))
    .prepare("event_layout_seats"),
}));

export async function loadEventRules(deps: { db: Database }, eventId: string): Promise<EventRules> {
  const [event] = await statements(deps.db).rules.execute({ eventId });
  if (!event) throw new DomainError("NOT_FOUND", "This event does not exist");
  return event;
}

export async function loadEventLayout(deps: { db: Database }, eventId: string): Promise<EventLayout> {
  const prepared = statements(deps.db);
  const [row] = await prepared.eventAndVenue.execute({ eventId });
  if (!row) throw new DomainError("NOT_FOUND", "This event does not exist");
  const [sectionRows, tiers, seatRows] = await Promise.all([
    prepared.sections.execute({ eventId }),
    listEventTiers(deps.db, eventId),
    prepared.seats.execute({ eventId }),
  ]);

  const rows = new Map<string, LayoutSeat[]>();
  for (const seat of seatRows) {
    const key = `${seat.sectionId}|${seat.row}`;
    const list = rows.get(key);
    if (list) list.push(seat);
    else rows.set(key, [seat]);
  }
  for (const list of rows.values()) list.sort((a, b) => a.number - b.number);

  return {
    event: row.event,
    venue: row.venue,
    sections: sectionRows,
    tiers,
    seats: seatRows,
    seatById: new Map(seatRows.map((seat) => [seat.id, seat])),
    sectionById: new Map(sectionRows.map((section) => [section.id, section])),
    tierById: new Map(tiers.map((tier) => [tier.id, tier])),
    rows,
  };
}

interface CacheEntry {
  layout: Promise<EventLayout>;
  loadedAt: number;
  rulesCheckedAt: number;
  rulesRefresh?: Promise<EventLayout>;
}

/**
 * A per-process cache of event layouts. Concurrent misses share one load. The seats and sections are kept for
 * `layoutTtlMs`; the event's rules (status, limits, hold time) are re-read every `rulesTtlMs` with a one-row
 * query, so an organizer's change reaches every instance within that time. Organizer changes are also published
 * (see EventUpdateBus), and every instance drops the event's entry as soon as it hears of one.
 */
export function createEventLayoutCache(
  deps: { db: Database },
  options: { layoutTtlMs?: number; rulesTtlMs?: number } = {},
) {
  const layoutTtlMs = options.layoutTtlMs ?? 5 * 60_000;
  const rulesTtlMs = options.rulesTtlMs ?? 2_000;
  const entries = new Map<string, CacheEntry>();

  const load = (eventId: string, now: number) => {
    const entry: CacheEntry = { layout: loadEventLayout(deps, eventId), loadedAt: now, rulesCheckedAt: now };
    entries.set(eventId, entry);
    entry.layout.catch(() => entries.delete(eventId));
    return entry.layout;
  };

  /**
   * Reads the layout again, but keeps answering with the one in hand if Postgres fails meanwhile: a database
   * restart must not end fans' live maps or holds (a sale is still checked in Postgres itself).
   */
  const reload = (eventId: string, stale: CacheEntry, now: number): Promise<EventLayout> => {
    stale.loadedAt = now;
    stale.rulesCheckedAt = now;
    return loadEventLayout(deps, eventId).then(
      (layout) => {
        if (entries.get(eventId) === stale) {
          entries.set(eventId, { layout: Promise.resolve(layout), loadedAt: Date.now(), rulesCheckedAt: Date.now() });
        }
        return layout;
      },
      () => stale.layout,
    );
  };

  return {
    get(eventId: string): Promise<EventLayout> {
      const now = Date.now();
      const entry = entries.get(eventId);
      if (!entry) return load(eventId, now);
      if (now - entry.loadedAt >= layoutTtlMs) return reload(eventId, entry, now);
      if (now - entry.rulesCheckedAt < rulesTtlMs) return entry.layout;
      entry.rulesRefresh ??= Promise.all([entry.layout, loadEventRules(deps, eventId)])
        .then(
          ([layout, event]) => {
            // The venue's layout changed (seats removed, attributes marked), or the event was edited (tiers,
            // prices): read the whole layout again.
            if (
              event.layoutVersion !== layout.event.layoutVersion ||
              event.updatedAt.getTime() !== layout.event.updatedAt.getTime()
            ) {
              return reload(eventId, entry, Date.now());
            }
            layout.event = event;
            entry.rulesCheckedAt = Date.now();
            return layout;
          },
          // Postgres is away: the rules in hand stand until it answers again (asked again after rulesTtlMs).
          () => {
            entry.rulesCheckedAt = Date.now();
            return entry.layout;
          },
        )
        .finally(() => {
          entry.rulesRefresh = undefined;
        });
      return entry.rulesRefresh;
    },
    invalidate(eventId: string) {
      entries.delete(eventId);
    },
  };
}

export type EventLayoutCache = ReturnType<typeof createEventLayoutCache>;
