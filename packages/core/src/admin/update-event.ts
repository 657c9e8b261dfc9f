import { randomUUID } from "node:crypto";
import { eventSearchText, newFairnessSeed, schema } from "@frontrow/db";
import { eventLifecycleStatus, type EventUpdateInput } from "@frontrow/validators";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { byLockOrder, lockingTransaction, type LockingDeps } from "../db/row-locks";
import { DomainError } from "../errors";
import type { EventLayoutCache } from "../holds/event-layout";
import type { EventUpdatePublisher, EventUpdateReason } from "../pubsub/event-update-bus";
import { eventSettingColumns } from "./event-settings";
import { assignEventTiers } from "./event-tier-assignment";
import { recordAudit } from "./record-audit";

const BATCH = 4_000;

/** Settings compared one by one for the audit log, and which fans' screens they touch. */
const settingReasons = {
  name: "details",
  performer: "details",
  category: "details",
  description: "details",
  imageUrl: "details",
  startsAt: "details",
  doorsAt: "details",
  onSaleAt: "details",
  perFanLimit: "details",
  holdSeconds: "details",
  feeCents: "prices",
  highDemand: "admission",
  heldSeatsPerIp: "details",
  singleSeatRule: "details",
  selfCancel: "details",
  selfCancelUntil: "details",
  feesRefundable: "details",
  transfersAllowed: "details",
  transferCutoffHours: "details",
  allowPrintedTickets: "details",
  resaleAllowed: "details",
  resaleFeesRefunded: "details",
  waitingListEnabled: "details",
  waitingListOfferMinutes: "details",
  waitingRoomEnabled: "admission",
  preQueueOpensAt: "admission",
  admitRatePerMinute: "admission",
  maxActiveShoppers: "admission",
  shoppingWindowSeconds: "admission",
} as const satisfies Record<string, EventUpdateReason>;

type Setting = keyof typeof settingReasons;
type SettingValue = string | number | boolean | Date | null;

const comparable = (value: SettingValue) => (value instanceof Date ? value.getTime() : value);

/**
 * An organizer's edit of an event, replacing every setting and price tier with what the form sent. Tiers with an
 * id are updated, new ones inserted, missing ones removed (refused if they sold tickets); every section's and
 * seat's tier is assigned again by the same rules as at creation. Tickets already sold keep their price.
 */
export async function updateEvent(
  deps: LockingDeps & { clock: Clock; layouts: EventLayoutCache; eventUpdates: EventUpdatePublisher },
  input: EventUpdateInput & { actorId: string; requestId?: string },
) {
  const { events, venues, sections, seats, priceTiers, eventSections, eventSeats, tickets } = schema;
  const now = deps.clock.now();
  const reasons = await lockingTransaction(deps, async (tx, locks) => {
    const [event] = await locks.update("event", tx.select().from(events).where(eq(events.id, input.eventId)));
    if (!event) throw new DomainError("NOT_FOUND", "This event does not exist");
    if (event.status === "ended" || event.status === "cancelled") {
      throw new DomainError(
        "INVALID_INPUT",
        `This event has ${event.status === "ended" ? "ended" : "been cancelled"} and can no longer be edited`,
      );
    }
    if (input.onSaleAt >= input.startsAt) {
      throw new DomainError("INVALID_INPUT", "The on-sale must be before the show", { field: "onSaleAt" });
    }
    const wantsWaitingRoom = input.waitingRoom !== undefined;
    const status = eventLifecycleStatus(event, now);
    if (wantsWaitingRoom !== event.waitingRoomEnabled && (status === "on_sale" || status === "paused")) {
      throw new DomainError(
        "INVALID_INPUT",
        `The waiting room cannot be turned ${wantsWaitingRoom ? "on" : "off"} once the event is on sale; its rate, cap and shopping window can still change`,
        { field: "waitingRoom" },
      );
    }

    const existingTiers = await tx.select().from(priceTiers).where(eq(priceTiers.eventId, event.id));
    const existingById = new Map(existingTiers.map((tier) => [tier.id, tier]));
    const unknown = input.tiers.find((tier) => tier.id !== undefined && !existingById.has(tier.id));
    if (unknown) {
      throw new DomainError("INVALID_INPUT", `Price tier ${unknown.name} is not a tier of this event`, { field: "tiers" });
    }
    const keptIds = new Set(input.tiers.flatMap((tier) => (tier.id ? [tier.id] : [])));
    const removed = existingTiers.filter((tier) => !keptIds.has(tier.id));
    if (removed.length > 0) {
      const withTickets = await tx
        .select({ tierId: tickets.tierId, valid: sql<number>`count(*) filter (where ${tickets.status} = 'valid')::int` })
        .from(tickets)
        .where(inArray(tickets.tierId, removed.map((tier) => tier.id)))
        .groupBy(tickets.tierId);
      const [first] = withTickets;
      if (first) {
        const name = existingById.get(first.tierId)!.name;
        throw new DomainError(
          "INVALID_INPUT",
          first.valid > 0
            ? `Price tier ${name} has sold ${first.valid} ticket${first.valid === 1 ? "" : "s"} and cannot be removed; change its price or sections instead`
            : `Price tier ${name} has refunded tickets on record and cannot be removed; change its price or sections instead`,
          { field: "tiers" },
        );
      }
    }

    const tiers = input.tiers.map((tier, sortOrder) => ({ ...tier, id: tier.id ?? randomUUID(), sortOrder }));
    const venueSections = await tx.select().from(sections).where(eq(sections.venueId, event.venueId));
    const { sectionTier, tierOfSeat } = assignEventTiers(venueSections, tiers);
    const [venue] = await tx.select({ name: venues.name, city: venues.city }).from(venues).where(eq(venues.id, event.venueId));

    // Settings.
    const settings = {
      ...eventSettingColumns(input),
      waitingRoomEnabled: wantsWaitingRoom,
      preQueueOpensAt: input.waitingRoom?.preQueueOpensAt ?? (wantsWaitingRoom ? null : event.preQueueOpensAt),
      admitRatePerMinute: input.waitingRoom?.admitRatePerMinute ?? event.admitRatePerMinute,
      maxActiveShoppers: input.waitingRoom?.maxActiveShoppers ?? event.maxActiveShoppers,
      shoppingWindowSeconds: input.waitingRoom?.shoppingWindowSeconds ?? event.shoppingWindowSeconds,
    };
    const changes: Record<string, unknown> = {};
    const reasons = new Set<EventUpdateReason>();
    for (const field of Object.keys(settingReasons) as Setting[]) {
      const before: SettingValue = event[field];
      const after: SettingValue = settings[field];
      if (comparable(before) !== comparable(after)) {
        changes[field] = [before, after];
        reasons.add(settingReasons[field]);
      }
    }
    // A waiting room switched on gets its fairness seed now; its hash is public from here on.
    const fairness = wantsWaitingRoom && !event.fairnessSeed ? newFairnessSeed() : {};
    await tx
      .update(events)
      .set({
        ...settings,
        ...fairness,
        searchText: eventSearchText(input, venue!),
        updatedAt: now,
      })
      .where(eq(events.id, event.id));

    // Tiers: new ones first, so sections and seats can move onto them before removed ones go.
    const tierChanges: Record<string, unknown> = {};
    const added = tiers.filter((tier) => !existingById.has(tier.id));
    if (added.length > 0) {
      await tx.insert(priceTiers).values(
        added.map((tier) => ({ id: tier.id, eventId: event.id, name: tier.name, priceCents: tier.priceCents, color: tier.color, sortOrder: tier.sortOrder })),
      );
      tierChanges.added = added.map((tier) => `${tier.name} (${tier.priceCents})`);
    }
    const edited: Array<Record<string, unknown>> = [];
    for (const tier of tiers) {
      const before = existingById.get(tier.id);
      if (!before) continue;
      const diff: Record<string, unknown> = {};
      if (before.name !== tier.name) diff.name = [before.name, tier.name];
      if (before.priceCents !== tier.priceCents) diff.priceCents = [before.priceCents, tier.priceCents];
      if (before.color !== tier.color) diff.color = [before.color, tier.color];
      if (Object.keys(diff).length > 0) edited.push({ tier: tier.name, ...diff });
      if (Object.keys(diff).length > 0 || before.sortOrder !== tier.sortOrder) {
        await tx
          .update(priceTiers)
          .set({ name: tier.name, priceCents: tier.priceCents, color: tier.color, sortOrder: tier.sortOrder })
          .where(eq(priceTiers.id, tier.id));
      }
    }
    if (edited.length > 0) tierChanges.changed = edited;

    // Seats first, then sections: the order a checkout locks them in.
    const venueSeats = await tx
      .select({ id: seats.id, sectionId: seats.sectionId, row: seats.row, number: seats.number, tierId: eventSeats.tierId })
      .from(eventSeats)
      .innerJoin(seats, eq(seats.id, eventSeats.seatId))
      .where(eq(eventSeats.eventId, event.id));
    const movedSeats = new Map<string, string[]>();
    for (const seat of venueSeats) {
      const tierId = tierOfSeat(seat);
      if (tierId !== seat.tierId) movedSeats.set(tierId, [...(movedSeats.get(tierId) ?? []), seat.id]);
    }
    for (const [tierId, seatIds] of movedSeats) {
      for (let i = 0; i < seatIds.length; i += BATCH) {
        await tx
          .update(eventSeats)
          .set({ tierId })
          .where(and(eq(eventSeats.eventId, event.id), inArray(eventSeats.seatId, seatIds.slice(i, i + BATCH))));
      }
    }
    const currentSections = await tx
      .select({ sectionId: eventSections.sectionId, tierId: eventSections.tierId })
      .from(eventSections)
      .where(eq(eventSections.eventId, event.id));
    let sectionsMoved = 0;
    for (const section of currentSections.sort((a, b) => byLockOrder(a.sectionId, b.sectionId))) {
      const tierId = sectionTier.get(section.sectionId)!;
      if (tierId === section.tierId) continue;
      sectionsMoved++;
      await tx
        .update(eventSections)
        .set({ tierId })
        .where(and(eq(eventSections.eventId, event.id), eq(eventSections.sectionId, section.sectionId)));
    }
    if (removed.length > 0) {
      await tx.delete(priceTiers).where(inArray(priceTiers.id, removed.map((tier) => tier.id)));
      tierChanges.removed = removed.map((tier) => tier.name);
    }
    const seatsMoved = [...movedSeats.values()].reduce((sum, ids) => sum + ids.length, 0);
    if (seatsMoved > 0) tierChanges.seatsMoved = seatsMoved;
    if (sectionsMoved > 0) tierChanges.sectionsMoved = sectionsMoved;
    if (Object.keys(tierChanges).length > 0) {
      changes.tiers = tierChanges;
      reasons.add("prices");
    }

    await recordAudit(tx, {
      actorId: input.actorId,
      action: "event.update",
      subjectType: "event",
      subjectId: event.id,
      details: changes,
      requestId: input.requestId,
    });
    return reasons;
  });
  deps.layouts.invalidate(input.eventId);
  for (const reason of reasons) await deps.eventUpdates.publish(input.eventId, reason);
  return { eventId: input.eventId };
}
