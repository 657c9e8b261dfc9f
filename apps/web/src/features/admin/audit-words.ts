import type { AppRouter } from "@frontrow/api";
import type { inferRouterOutputs } from "@trpc/server";
import { formatCount, formatDuration, formatEventDate, formatMoney, viewerTimeZone } from "../../lib/format";
import { shortOrderCode } from "@frontrow/validators";
import { EVENT_CURRENCY } from "./event-form/event-currency";

export type AuditEntry = inferRouterOutputs<AppRouter>["admin"]["audit"]["list"][number];

const ACTIONS: Record<string, string> = {
  "event.create": "Created the event",
  "event.update": "Edited the event",
  "event.put_on_sale": "Put the event on sale",
  "event.pause": "Paused sales",
  "event.resume": "Resumed sales",
  "event.end": "Ended sales",
  "event.cancel": "Cancelled the event",
  "event.admission": "Changed waiting-room admission",
  "event.block_seats": "Blocked seats",
  "event.unblock_seats": "Unblocked seats",
  "order.cancel": "Cancelled and refunded an order",
  "venue.create": "Created the venue",
  "venue.update": "Edited the venue",
  "venue.add_sections": "Added sections",
  "venue.remove_section": "Removed a section",
  "venue.remove_seats": "Removed seats",
  "venue.resize_section": "Resized a standing area",
  "venue.seat_attributes": "Changed seat marks",
  "user.role": "Changed an account's role",
};

const STATUS_WORDS: Record<string, string> = {
  scheduled: "scheduled",
  on_sale: "on sale",
  paused: "paused",
  ended: "ended",
  cancelled: "cancelled",
};

/** "event.put_on_sale" → "Put the event on sale"; an action this list does not know yet is still readable. */
export function describeAuditAction(action: string): string {
  const known = ACTIONS[action];
  if (known) return known;
  const verb = action.split(".").slice(1).join(" ").replace(/_/g, " ");
  return verb ? verb.charAt(0).toUpperCase() + verb.slice(1) : action;
}

type Details = Record<string, unknown>;

const ROLE_WORDS: Record<string, string> = { fan: "Fan", scanner: "Door staff (scanner)", admin: "Organizer" };
const roleWords = (role: unknown) => (typeof role === "string" ? (ROLE_WORDS[role] ?? role) : "?");

const isRecord = (value: unknown): value is Details =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const plural = (count: number, one: string, many = `${one}s`) =>
  `${formatCount(count)} ${count === 1 ? one : many}`;

/** camelCase / snake_case keys in words: "admitRatePerMinute" → "admit rate per minute". */
function keyWords(key: string): string {
  return key
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

function valueWords(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return formatCount(value);
  if (typeof value === "string") {
    // ISO dates on the reader's clock, labelled with the zone (an audit entry carries no venue).
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) return formatEventDate(date, viewerTimeZone());
    }
    return STATUS_WORDS[value] ?? value;
  }
  if (Array.isArray(value)) return value.map(valueWords).join(", ");
  if (isRecord(value)) return genericDetails(value);
  return String(value);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A change stored as `[before, after]` or `{ from, to }`, or null when the value is not one. */
function changeOf(value: unknown): [unknown, unknown] | null {
  if (Array.isArray(value) && value.length === 2) return [value[0], value[1]];
  if (isRecord(value) && "from" in value && "to" in value) return [value.from, value.to];
  return null;
}

/** Details no rule below knows (a field added later): still a sentence, "Some setting: a → b". */
function genericDetails(details: Details): string {
  return Object.entries(details)
    .map(([key, value]) => {
      const change = changeOf(value);
      const label = capitalised(keyWords(key));
      return change ? `${label}: ${valueWords(change[0])} → ${valueWords(change[1])}` : `${label}: ${valueWords(value)}`;
    })
    .join("; ");
}

type Words = (value: unknown) => string;

const money: Words = (value) => (typeof value === "number" ? formatMoney(value, EVENT_CURRENCY) : valueWords(value));
const onOff: Words = (value) => (value === true ? "on" : value === false ? "off" : valueWords(value));
const seconds: Words = (value) => (typeof value === "number" ? formatDuration(value) : valueWords(value));
const yesNo: Words = (value) => (value === true ? "yes" : value === false ? "no" : valueWords(value));
const untilShow: Words = (value) => (value === null ? "until the show starts" : valueWords(value));
const perMinute: Words = (value) => (typeof value === "number" ? `${formatCount(value)} fans a minute` : valueWords(value));
const changedOnly = Symbol("changed");

/** An event's settings as the edit form names them, and how each value reads. */
const EVENT_SETTINGS: Record<string, [string, Words | typeof changedOnly]> = {
  name: ["Event name", valueWords],
  performer: ["Performer", valueWords],
  category: ["Category", valueWords],
  description: ["Description", changedOnly],
  imageUrl: ["Image", changedOnly],
  startsAt: ["Show starts", valueWords],
  doorsAt: ["Doors open", valueWords],
  onSaleAt: ["On-sale starts", valueWords],
  perFanLimit: ["Per-fan limit", valueWords],
  holdSeconds: ["Hold duration", seconds],
  feeCents: ["Booking fee", money],
  highDemand: ["High-demand browser check", onOff],
  heldSeatsPerIp: ["Tickets held per network", valueWords],
  singleSeatRule: ["No single seats left alone", onOff],
  selfCancel: ["Fans may cancel their own orders", yesNo],
  selfCancelUntil: ["Fans may cancel until", untilShow],
  feesRefundable: ["Refund booking fees", yesNo],
  transfersAllowed: ["Fans may transfer tickets", yesNo],
  transferCutoffHours: ["Transfers close (hours before the show)", valueWords],
  allowPrintedTickets: ["Allow printed tickets", yesNo],
  resaleAllowed: ["Fans may resell tickets at face value", yesNo],
  resaleFeesRefunded: ["Resale refunds the seller's booking fees", yesNo],
  waitingListEnabled: ["Waiting list when sold out", onOff],
  waitingListOfferMinutes: ["Minutes to pay for a waiting-list offer", valueWords],
  waitingRoomEnabled: ["Waiting room", onOff],
  preQueueOpensAt: ["Pre-queue opens", valueWords],
  admitRatePerMinute: ["Admission rate", perMinute],
  maxActiveShoppers: ["Max active shoppers", valueWords],
  shoppingWindowSeconds: ["Shopping window", seconds],
};

/** "Standard (5000)" as stored for an added tier → "Standard at $50". */
function addedTierWords(value: unknown): string {
  if (typeof value !== "string") return valueWords(value);
  const match = /^(.*) \((\d+)\)$/.exec(value);
  return match ? `${match[1]} at ${formatMoney(Number(match[2]), EVENT_CURRENCY)}` : value;
}

function tierDetails(tiers: Details): string[] {
  const parts: string[] = [];
  if (Array.isArray(tiers.added)) parts.push(`Price tier added: ${tiers.added.map(addedTierWords).join(", ")}`);
  if (Array.isArray(tiers.changed)) {
    for (const change of tiers.changed) {
      if (!isRecord(change)) continue;
      const tier = typeof change.tier === "string" ? change.tier : "A price tier";
      if (Array.isArray(change.priceCents)) parts.push(`${tier} price: ${money(change.priceCents[0])} → ${money(change.priceCents[1])}`);
      if (Array.isArray(change.name)) parts.push(`Price tier renamed: ${valueWords(change.name[0])} → ${valueWords(change.name[1])}`);
      if (Array.isArray(change.color)) parts.push(`${tier} colour changed`);
    }
  }
  if (Array.isArray(tiers.removed)) parts.push(`Price tier removed: ${tiers.removed.map(valueWords).join(", ")}`);
  if (typeof tiers.seatsMoved === "number") parts.push(`${plural(tiers.seatsMoved, "seat")} moved to another price tier`);
  if (typeof tiers.sectionsMoved === "number") parts.push(`${plural(tiers.sectionsMoved, "section")} moved to another price tier`);
  return parts;
}

/** An event edit in the organizer's words: "Booking fee: $2 → $3; Waiting room: on → off". */
function eventUpdateDetails(details: Details): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (key === "tiers" && isRecord(value)) {
      parts.push(...tierDetails(value));
      continue;
    }
    parts.push(settingWords(EVENT_SETTINGS, key, value));
  }
  return parts.join("; ");
}

/** One setting's change with its form label: "Waiting room: on → off"; a field no list knows reads generically. */
function settingWords(settings: Record<string, [string, Words | typeof changedOnly]>, key: string, value: unknown): string {
  const setting = settings[key];
  if (!setting) return genericDetails({ [key]: value });
  const [label, words] = setting;
  if (words === changedOnly) return `${label} changed`;
  const change = changeOf(value);
  return change ? `${label}: ${words(change[0])} → ${words(change[1])}` : `${label}: ${words(value)}`;
}

/** A venue's details as the venue editor names them. */
const VENUE_SETTINGS: Record<string, [string, Words | typeof changedOnly]> = {
  name: ["Name", valueWords],
  city: ["City", valueWords],
  address: ["Address", valueWords],
  timezone: ["Time zone", valueWords],
};

const SEAT_MARKS: Record<string, string> = {
  accessible: "Wheelchair space",
  companion: "Companion seat",
  restrictedView: "Restricted view",
  blocked: "Blocked",
};

const names = (value: unknown) => (Array.isArray(value) ? value.map(valueWords).join(", ") : valueWords(value));
const count = (value: unknown) => (typeof value === "number" ? value : 0);

function admissionDetails(details: Details): string {
  const before = isRecord(details.before) ? details.before : {};
  const after = isRecord(details.after) ? details.after : {};
  const parts: string[] = [];
  if (typeof after.admitRatePerMinute === "number") {
    const from =
      typeof before.admitRatePerMinute === "number" ? `${formatCount(before.admitRatePerMinute)} → ` : "";
    parts.push(`Rate ${from}${formatCount(after.admitRatePerMinute)} fans a minute`);
  }
  if (typeof after.admissionPaused === "boolean")
    parts.push(after.admissionPaused ? "Admission paused" : "Admission resumed");
  return parts.join("; ");
}

/** The details of an entry in a sentence or two; empty when there is nothing more to say. */
export function describeAuditDetails(entry: Pick<AuditEntry, "action" | "details">): string {
  const details = isRecord(entry.details) ? entry.details : {};
  if (Object.keys(details).length === 0) return "";
  switch (entry.action) {
    case "event.create": {
      const blocked = count(details.blockedSeats);
      return [
        `${valueWords(details.name)} at ${valueWords(details.venue)}`,
        plural(count(details.tiers), "price tier"),
        ...(blocked > 0 ? [`${plural(blocked, "seat")} blocked`] : []),
      ].join("; ");
    }
    case "user.role":
      return `${roleWords(details.from)} → ${roleWords(details.to)}`;
    case "order.cancel": {
      const order = typeof details.orderId === "string" ? `Order ${shortOrderCode(details.orderId)}` : "An order";
      return typeof details.refundedCents === "number"
        ? `${order}: ${money(details.refundedCents)} refunded`
        : order;
    }
    case "venue.create":
      // `seats` counts seats alone: standing areas have places, not seats.
      return `${valueWords(details.name)}: ${plural(count(details.sections), "section")}, ${plural(count(details.seats), "seat")}`;
    case "venue.update":
      return Object.entries(details)
        .map(([key, value]) => settingWords(VENUE_SETTINGS, key, value))
        .join("; ");
    case "venue.add_sections": {
      const events = Array.isArray(details.events) && details.events.length > 0 ? `; also on sale for ${names(details.events)}` : "";
      return `${names(details.sections)}: ${plural(count(details.seats), "seat")}${events}`;
    }
    case "venue.remove_section":
      return details.kind === "general_admission"
        ? `${valueWords(details.section)} (standing, ${plural(count(details.capacity), "place")})`
        : `${valueWords(details.section)} (${plural(count(details.capacity), "seat")})`;
    case "venue.remove_seats":
      return `${plural(count(details.seats), "seat")} removed`;
    case "venue.resize_section":
      return `${valueWords(details.section)}: ${formatCount(count(details.from))} → ${plural(count(details.to), "standing place")}`;
    case "venue.seat_attributes": {
      const marks = Object.entries(SEAT_MARKS)
        .filter(([key]) => typeof details[key] === "boolean")
        .map(([key, label]) => `${label}: ${onOff(details[key])}`);
      return [plural(count(details.seats), "seat"), ...marks].join("; ");
    }
    case "event.put_on_sale":
    case "event.pause":
    case "event.resume":
    case "event.end":
    case "event.cancel":
      return `From ${valueWords(details.from)} to ${valueWords(details.to)}`;
    case "event.admission":
      return admissionDetails(details) || genericDetails(details);
    case "event.update":
      return eventUpdateDetails(details);
    case "event.block_seats":
    case "event.unblock_seats": {
      const changed = typeof details.changed === "number" ? details.changed : 0;
      const refused =
        typeof details.refused === "number" ? `; ${plural(details.refused, "seat")} refused` : "";
      return `${plural(changed, "seat")} changed${refused}`;
    }
    default:
      return genericDetails(details);
  }
}

/** Where an entry's subject lives in the console, when it has a page. */
export function auditSubjectLink(entry: Pick<AuditEntry, "subjectType" | "subjectId">): string | null {
  if (entry.subjectType === "event") return `/admin/events/${entry.subjectId}`;
  if (entry.subjectType === "venue") return `/admin/venues/${entry.subjectId}`;
  return null;
}
