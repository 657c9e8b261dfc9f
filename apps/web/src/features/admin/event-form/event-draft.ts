import { toZonedInputValue } from "@frontrow/validators/plain";
import type { Category } from "../../../lib/categories";

/**
 * The event form's state: exactly what the organizer typed (strings), so a bad value is shown back as typed and
 * never lost. `validate-event-draft.ts` turns it into the API's input.
 */
export interface EventDraft {
  venueId: string;
  name: string;
  performer: string;
  category: Category | "";
  description: string;
  imageUrl: string;
  /** `datetime-local` values, read on the venue's clocks. */
  startsAt: string;
  doorsAt: string;
  onSaleAt: string;
  perFanLimit: string;
  holdDuration: string;
  holdUnit: HoldUnit;
  /** Booking fee per ticket, in dollars as typed ("2.50"). */
  fee: string;
  /** Tickets held at once from one network address, as typed. */
  heldSeatsPerIp: string;
  waitingRoom: boolean;
  /** High demand: joining the waiting room needs the browser to solve a proof-of-work first. */
  highDemand: boolean;
  preQueueOpensAt: string;
  admitRatePerMinute: string;
  maxActiveShoppers: string;
  shoppingWindowMinutes: string;
  /** Hand-picked seats may not leave one seat alone (the single-seat rule). */
  singleSeatRule: boolean;
  /** Refund policy: fans may cancel their own orders, until `selfCancelUntil` (venue clock) or the show. */
  selfCancel: boolean;
  selfCancelUntil: string;
  feesRefundable: boolean;
  /** Fans may send their tickets to another account, until `transferCutoffHours` before the show. */
  transfersAllowed: boolean;
  transferCutoffHours: string;
  /** Fans may resell tickets at face value; `resaleFeesRefunded`: the seller gets the booking fee back too. */
  resaleAllowed: boolean;
  resaleFeesRefunded: boolean;
  /** The PDF's static QR code gets in at the door (else only the ticket page's rotating code). */
  allowPrintedTickets: boolean;
  /** A waiting list once sold out, and the minutes an offer from it gives the fan to pay (as typed). */
  waitingListEnabled: boolean;
  waitingListOfferMinutes: string;
  /** In the order fans see them. */
  tiers: TierDraft[];
  /** Section id → the key of its tier; "" while the section has none. */
  sectionTiers: Record<string, string>;
}

export type HoldUnit = "minutes" | "seconds";

export interface TierDraft {
  /** Stable across edits and reorders (React key, error key); `id` is the saved tier's id. */
  key: string;
  id: string | null;
  name: string;
  /** In dollars as typed ("45.50"). */
  price: string;
  color: string;
  ticketsSold: number;
  seatRanges: SeatRangeDraft[];
}

export interface SeatRangeDraft {
  key: string;
  sectionId: string;
  row: string;
  from: string;
  to: string;
}

/** The event as `admin.events.byId` returns it (the fields the form edits). */
export interface EditableEvent {
  id: string;
  status: string;
  venue: { id: string; name: string; city: string; timezone: string };
  name: string;
  performer: string;
  category: Category;
  description: string;
  imageUrl: string | null;
  startsAt: Date;
  doorsAt: Date | null;
  onSaleAt: Date;
  perFanLimit: number;
  holdSeconds: number;
  feeCents: number;
  highDemand: boolean;
  heldSeatsPerIp: number;
  singleSeatRule: boolean;
  selfCancel: boolean;
  selfCancelUntil: Date | null;
  feesRefundable: boolean;
  transfersAllowed: boolean;
  transferCutoffHours: number;
  resaleAllowed: boolean;
  resaleFeesRefunded: boolean;
  allowPrintedTickets: boolean;
  waitingListEnabled: boolean;
  waitingListOfferMinutes: number;
  waitingRoom: null | {
    preQueueOpensAt: Date | null;
    admitRatePerMinute: number;
    maxActiveShoppers: number;
    shoppingWindowSeconds: number;
  };
  tiers: ReadonlyArray<{
    id: string;
    name: string;
    priceCents: number;
    color: string;
    sectionIds: readonly string[];
    seatRanges: ReadonlyArray<{ sectionId: string; row: string; from: number; to: number }>;
    ticketsSold: number;
  }>;
  ticketsSold: number;
}

/** The most price tiers an event can have (the API's limit). */
export const MAX_TIERS = 20;

/** Colours offered to new tiers, in turn. */
export const TIER_COLORS = [
  "#5b3df5",
  "#ff5a5f",
  "#16a35a",
  "#e69a12",
  "#0284c7",
  "#db2777",
  "#64748b",
  "#7c3aed",
];

const WAITING_ROOM_DEFAULTS = {
  admitRatePerMinute: 600,
  maxActiveShoppers: 1_000,
  shoppingWindowSeconds: 600,
};

let lastKey = 0;
/** A key unique within this page. */
export function newDraftKey(prefix: string): string {
  lastKey += 1;
  return `${prefix}${lastKey}`;
}

export function newTierDraft(existing: readonly TierDraft[]): TierDraft {
  const used = new Set(existing.map((tier) => tier.color.toLowerCase()));
  const color =
    TIER_COLORS.find((candidate) => !used.has(candidate)) ??
    TIER_COLORS[existing.length % TIER_COLORS.length]!;
  return { key: newDraftKey("tier"), id: null, name: "", price: "", color, ticketsSold: 0, seatRanges: [] };
}

export function newSeatRangeDraft(): SeatRangeDraft {
  return { key: newDraftKey("range"), sectionId: "", row: "", from: "", to: "" };
}

export function emptyEventDraft(): EventDraft {
  return {
    venueId: "",
    name: "",
    performer: "",
    category: "",
    description: "",
    imageUrl: "",
    startsAt: "",
    doorsAt: "",
    onSaleAt: "",
    perFanLimit: "8",
    holdDuration: "10",
    holdUnit: "minutes",
    fee: "0",
    heldSeatsPerIp: "12",
    waitingRoom: false,
    highDemand: false,
    preQueueOpensAt: "",
    admitRatePerMinute: String(WAITING_ROOM_DEFAULTS.admitRatePerMinute),
    maxActiveShoppers: String(WAITING_ROOM_DEFAULTS.maxActiveShoppers),
    shoppingWindowMinutes: String(WAITING_ROOM_DEFAULTS.shoppingWindowSeconds / 60),
    singleSeatRule: true,
    selfCancel: true,
    selfCancelUntil: "",
    feesRefundable: true,
    transfersAllowed: true,
    transferCutoffHours: "0",
    resaleAllowed: true,
    resaleFeesRefunded: true,
    allowPrintedTickets: true,
    waitingListEnabled: false,
    waitingListOfferMinutes: "15",
    tiers: [newTierDraft([])],
    sectionTiers: {},
  };
}

/** `4550` → "45.50"; `4500` → "45". */
export function centsToInput(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, "0")}`;
}

export function draftFromEvent(event: EditableEvent, timeZone: string): EventDraft {
  const room = event.waitingRoom;
  const holdInMinutes = event.holdSeconds % 60 === 0;
  const tiers = event.tiers.map((tier): TierDraft => ({
    key: newDraftKey("tier"),
    id: tier.id,
    name: tier.name,
    price: centsToInput(tier.priceCents),
    color: tier.color.toLowerCase(),
    ticketsSold: tier.ticketsSold,
    seatRanges: tier.seatRanges.map((range) => ({
      key: newDraftKey("range"),
      sectionId: range.sectionId,
      row: range.row,
      from: String(range.from),
      to: String(range.to),
    })),
  }));
  const sectionTiers: Record<string, string> = {};
  event.tiers.forEach((tier, index) => {
    for (const sectionId of tier.sectionIds) sectionTiers[sectionId] = tiers[index]!.key;
  });
  return {
    venueId: event.venue.id,
    name: event.name,
    performer: event.performer,
    category: event.category,
    description: event.description,
    imageUrl: event.imageUrl ?? "",
    startsAt: toZonedInputValue(event.startsAt, timeZone),
    doorsAt: event.doorsAt ? toZonedInputValue(event.doorsAt, timeZone) : "",
    onSaleAt: toZonedInputValue(event.onSaleAt, timeZone),
    perFanLimit: String(event.perFanLimit),
    holdDuration: String(holdInMinutes ? event.holdSeconds / 60 : event.holdSeconds),
    holdUnit: holdInMinutes ? "minutes" : "seconds",
    fee: centsToInput(event.feeCents),
    heldSeatsPerIp: String(event.heldSeatsPerIp),
    waitingRoom: room !== null,
    highDemand: event.highDemand,
    preQueueOpensAt: room?.preQueueOpensAt ? toZonedInputValue(room.preQueueOpensAt, timeZone) : "",
    admitRatePerMinute: String(room?.admitRatePerMinute ?? WAITING_ROOM_DEFAULTS.admitRatePerMinute),
    maxActiveShoppers: String(room?.maxActiveShoppers ?? WAITING_ROOM_DEFAULTS.maxActiveShoppers),
    shoppingWindowMinutes: formatMinutes(
      room?.shoppingWindowSeconds ?? WAITING_ROOM_DEFAULTS.shoppingWindowSeconds,
    ),
    singleSeatRule: event.singleSeatRule,
    selfCancel: event.selfCancel,
    selfCancelUntil: event.selfCancelUntil ? toZonedInputValue(event.selfCancelUntil, timeZone) : "",
    feesRefundable: event.feesRefundable,
    transfersAllowed: event.transfersAllowed,
    transferCutoffHours: String(event.transferCutoffHours),
    resaleAllowed: event.resaleAllowed,
    resaleFeesRefunded: event.resaleFeesRefunded,
    allowPrintedTickets: event.allowPrintedTickets,
    waitingListEnabled: event.waitingListEnabled,
    waitingListOfferMinutes: String(event.waitingListOfferMinutes),
    tiers,
    sectionTiers,
  };
}

function formatMinutes(seconds: number): string {
  const minutes = seconds / 60;
  return Number.isInteger(minutes) ? String(minutes) : minutes.toFixed(2).replace(/0+$/, "");
}

/** Gives every section of the venue that has no entry yet the first tier (a new event starts with one price). */
export function withSectionsAssigned(draft: EventDraft, sectionIds: readonly string[]): EventDraft {
  const firstTier = draft.tiers[0]?.key ?? "";
  const missing = sectionIds.filter((id) => !(id in draft.sectionTiers));
  if (missing.length === 0) return draft;
  const sectionTiers = { ...draft.sectionTiers };
  for (const id of missing) sectionTiers[id] = firstTier;
  return { ...draft, sectionTiers };
}
