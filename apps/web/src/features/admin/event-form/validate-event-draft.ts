import { eventSpec, eventUpdateInput, type EventSpec, type EventUpdateInput } from "@frontrow/validators";
import type { z } from "zod";
import { fromZonedInputValue } from "@frontrow/validators/plain";
import { formatCount, formatDuration, formatMoney } from "../../../lib/format";
import { EVENT_CURRENCY } from "./event-currency";
import type { EventDraft } from "./event-draft";

/**
 * Error messages keyed like the form's inputs are named: top-level fields by their draft name ("startsAt",
 * "holdDuration"), tier fields as `tier.<key>.<field>`, seat ranges as `range.<key>.<field>`, a section's tier as
 * `section.<sectionId>`; "tiers" for the tier list as a whole and "form" for what belongs to no field.
 */
export type FieldErrors = Record<string, string>;

export interface VenueSection {
  id: string;
  name: string;
  kind: "reserved" | "general_admission";
  capacity: number;
}

export interface DraftContext {
  /** The venue's zone, in which every date field is read. */
  timeZone: string;
  /** The venue's sections; null until they have loaded. */
  sections: readonly VenueSection[] | null;
  /** Each seated section's rows, once the venue's seats have loaded. */
  rowsBySection?: ReadonlyMap<string, ReadonlyArray<{ name: string }>> | null;
}

type Unit = "money" | "seconds" | "count" | "text";

const WHOLE_NUMBER = /^\d+$/;
const AMOUNT = /^(\d+)(?:\.(\d{1,2}))?$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;

/** "1,000" → 1000; null when it is not a whole number. */
function parseWholeNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[,\s_]/g, "");
  return WHOLE_NUMBER.test(cleaned) ? Number(cleaned) : null;
}

/** "$45.5" → 4550; null when it is not an amount with at most two decimals. */
export function parseAmountToCents(text: string): number | null {
  const match = AMOUNT.exec(text.trim().replace(/^\$/, "").replace(/[,\s]/g, ""));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

function unitOf(key: string): Unit {
  if (key === "fee" || key.endsWith(".price")) return "money";
  if (key === "holdDuration" || key === "shoppingWindowMinutes") return "seconds";
  if (
    ["perFanLimit", "heldSeatsPerIp", "admitRatePerMinute", "maxActiveShoppers", "waitingListOfferMinutes"].includes(key) ||
    /^range\..+\.(from|to)$/.test(key)
  ) {
    return "count";
  }
  return "text";
}

/** Zod's own wording ("Too small: expected number to be >=1"); the schema's custom messages are kept as they are. */
const ZOD_DEFAULT_MESSAGE = /^(too small|too big|invalid|expected)/i;

function messageFor(issue: z.core.$ZodIssue, key: string): string {
  if (!ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  const unit = unitOf(key);
  const amount = (value: number | bigint) => {
    const n = Number(value);
    if (unit === "money") return formatMoney(n, EVENT_CURRENCY);
    if (unit === "seconds") return formatDuration(n);
    return formatCount(n);
  };
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") {
        if (Number(issue.minimum) <= 1) return key.endsWith(".name") ? "Name the tier" : "Fill this in";
        return `Use at least ${formatCount(Number(issue.minimum))} characters`;
      }
      return `Enter at least ${amount(issue.minimum)}`;
    case "too_big":
      if (issue.origin === "string")
        return `Keep it to ${formatCount(Number(issue.maximum))} characters or fewer`;
      return `Enter at most ${amount(issue.maximum)}`;
    case "invalid_format":
      if (issue.format === "url") return "Enter a full web address, like https://example.com/poster.jpg";
      return "Check the format of this value";
    case "invalid_type":
      if (issue.expected === "date") return "Enter a date and time";
      return unit === "text" ? "Fill this in" : "Enter a number";
    case "invalid_value":
      return "Pick one of the options";
    default:
      return "Check this value";
  }
}

/** The form key an API path names (a zod issue path, or a server error's `data.field` split at dots). */
export function keyForPath(path: readonly PropertyKey[], draft: EventDraft): string {
  const [head, second, third, fourth, fifth] = path;
  switch (head) {
    case undefined:
    case "eventId":
      return "form";
    case "holdSeconds":
      return "holdDuration";
    case "feeCents":
      return "fee";
    case "waitingRoom":
      if (second === "shoppingWindowSeconds") return "shoppingWindowMinutes";
      return typeof second === "string" ? second : "waitingRoom";
    case "tiers": {
      const tier = typeof second === "number" ? draft.tiers[second] : undefined;
      if (!tier) return "tiers";
      if (third === undefined || third === "sectionIds" || third === "id") return `tier.${tier.key}`;
      if (third === "priceCents") return `tier.${tier.key}.price`;
      if (third === "seatRanges") {
        const range = typeof fourth === "number" ? tier.seatRanges[fourth] : undefined;
        if (!range) return `tier.${tier.key}`;
        return `range.${range.key}.${typeof fifth === "string" ? fifth : "sectionId"}`;
      }
      return `tier.${tier.key}.${String(third)}`;
    }
    default:
      return typeof head === "string" ? head : "form";
  }
}

/** A server error's `data.field` ("tiers.2.name", "waitingRoom") as a form key. */
export function keyForServerField(field: string, draft: EventDraft): string {
  const path = field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return keyForPath(path, draft);
}

function buildInput(draft: EventDraft, context: DraftContext, errors: FieldErrors, mode: "create" | "edit") {
  const fail = (key: string, message: string) => {
    if (!errors[key]) errors[key] = message;
  };

  const dateTime = (key: string, value: string, missingMessage: string | null): Date | undefined => {
    if (!value.trim()) {
      if (missingMessage) fail(key, missingMessage);
      return undefined;
    }
    const date = fromZonedInputValue(value, context.timeZone);
    if (!date) fail(key, "Enter a real date and time");
    return date ?? undefined;
  };

  const wholeNumber = (key: string, value: string, missingMessage: string): number | undefined => {
    if (!value.trim()) {
      fail(key, missingMessage);
      return undefined;
    }
    const parsed = parseWholeNumber(value);
    if (parsed === null) fail(key, "Enter a whole number");
    return parsed ?? undefined;
  };

  const amount = (key: string, value: string, missing: "zero" | string): number | undefined => {
    if (!value.trim()) {
      if (missing === "zero") return 0;
      fail(key, missing);
      return undefined;
    }
    const cents = parseAmountToCents(value);
    if (cents === null) fail(key, "Enter an amount like 45 or 45.50");
    return cents ?? undefined;
  };

  if (mode === "create" && !draft.venueId) fail("venueId", "Pick a venue");
  if (!draft.category) fail("category", "Pick a category");

  const startsAt = dateTime("startsAt", draft.startsAt, "Pick when the show starts");
  const doorsAt = dateTime("doorsAt", draft.doorsAt, null);
  const onSaleAt = dateTime("onSaleAt", draft.onSaleAt, "Pick when tickets go on sale");
  if (doorsAt && startsAt && doorsAt > startsAt) fail("doorsAt", "Doors must open before the show starts");

  const selfCancelUntil = draft.selfCancel ? dateTime("selfCancelUntil", draft.selfCancelUntil, null) : undefined;
  if (selfCancelUntil && startsAt && selfCancelUntil > startsAt) {
    fail("selfCancelUntil", "Fans' cancellations must end by the show");
  }

  const holdAmount = wholeNumber("holdDuration", draft.holdDuration, "Enter how long a hold lasts");
  const holdSeconds =
    holdAmount === undefined ? undefined : draft.holdUnit === "minutes" ? holdAmount * 60 : holdAmount;

  let waitingRoom: Record<string, unknown> | undefined;
  if (draft.waitingRoom) {
    const preQueueOpensAt = dateTime("preQueueOpensAt", draft.preQueueOpensAt, null);
    if (preQueueOpensAt && onSaleAt && preQueueOpensAt >= onSaleAt) {
      fail("preQueueOpensAt", "The pre-queue must open before the on-sale");
    }
    let shoppingWindowSeconds: number | undefined;
    const windowText = draft.shoppingWindowMinutes.trim();
    if (!windowText) fail("shoppingWindowMinutes", "Enter how long an admitted fan may shop");
    else if (!DECIMAL.test(windowText)) fail("shoppingWindowMinutes", "Enter a number of minutes");
    else shoppingWindowSeconds = Math.round(Number(windowText) * 60);
    waitingRoom = {
      preQueueOpensAt,
      admitRatePerMinute: wholeNumber(
        "admitRatePerMinute",
        draft.admitRatePerMinute,
        "Enter how many fans to let in a minute",
      ),
      maxActiveShoppers: wholeNumber(
        "maxActiveShoppers",
        draft.maxActiveShoppers,
        "Enter how many fans may shop at once",
      ),
      shoppingWindowSeconds,
    };
  }

  const tierKeys = new Set(draft.tiers.map((tier) => tier.key));
  const sections = context.sections ?? [];
  if (context.sections) {
    const unassigned = sections.filter((section) => !tierKeys.has(draft.sectionTiers[section.id] ?? ""));
    for (const section of unassigned) fail(`section.${section.id}`, "Choose a tier for this section");
    if (unassigned.length > 0) {
      const count = unassigned.length;
      fail(
        "tiers",
        `Give every section a price tier: ${count === 1 ? "1 section has" : `${formatCount(count)} sections have`} none yet`,
      );
    }
  }

  const tiers = draft.tiers.map((tier) => ({
    ...(mode === "edit" && tier.id ? { id: tier.id } : {}),
    name: tier.name,
    priceCents: amount(`tier.${tier.key}.price`, tier.price, "Enter a price (0 for free tickets)"),
    color: tier.color,
    sectionIds: sections
      .filter((section) => draft.sectionTiers[section.id] === tier.key)
      .map((section) => section.id),
    seatRanges: tier.seatRanges.map((range) => {
      const key = `range.${range.key}`;
      const sectionKnown = context.sections
        ? context.sections.some((section) => section.id === range.sectionId && section.kind === "reserved")
        : range.sectionId !== "";
      if (!sectionKnown) fail(`${key}.sectionId`, "Pick a section");
      const rows = context.rowsBySection?.get(range.sectionId);
      if (!range.row.trim()) fail(`${key}.row`, "Enter the row");
      else if (rows && !rows.some((row) => row.name === range.row.trim())) {
        fail(`${key}.row`, `This section has no row ${range.row.trim()}`);
      }
      const from = wholeNumber(`${key}.from`, range.from, "Enter the first seat");
      const to = wholeNumber(`${key}.to`, range.to, "Enter the last seat");
      if (from !== undefined && to !== undefined && to < from)
        fail(`${key}.to`, "The last seat can't come before the first");
      return { sectionId: range.sectionId, row: range.row.trim(), from, to };
    }),
  }));

  return {
    ...(mode === "create" ? { venueId: draft.venueId } : {}),
    name: draft.name,
    performer: draft.performer,
    category: draft.category || undefined,
    description: draft.description,
    imageUrl: draft.imageUrl.trim() || undefined,
    startsAt,
    doorsAt,
    onSaleAt,
    perFanLimit: wholeNumber("perFanLimit", draft.perFanLimit, "Enter how many tickets one fan may buy"),
    heldSeatsPerIp: wholeNumber("heldSeatsPerIp", draft.heldSeatsPerIp, "Enter how many tickets one network may hold"),
    // The browser check guards the waiting room's door, so it only means something with a waiting room.
    highDemand: draft.waitingRoom && draft.highDemand,
    holdSeconds,
    feeCents: amount("fee", draft.fee, "zero"),
    waitingRoom,
    singleSeatRule: draft.singleSeatRule,
    selfCancel: draft.selfCancel,
    selfCancelUntil,
    feesRefundable: draft.feesRefundable,
    transfersAllowed: draft.transfersAllowed,
    // Only asked for while transfers are allowed; kept as it was otherwise.
    transferCutoffHours: draft.transfersAllowed
      ? wholeNumber("transferCutoffHours", draft.transferCutoffHours, "Enter how many hours before the show transfers close (0: at the show)")
      : (parseWholeNumber(draft.transferCutoffHours) ?? 0),
    allowPrintedTickets: draft.allowPrintedTickets,
    resaleAllowed: draft.resaleAllowed,
    resaleFeesRefunded: draft.resaleFeesRefunded,
    waitingListEnabled: draft.waitingListEnabled,
    // The time to pay means nothing while the list is off: the event keeps what it had (or the default).
    waitingListOfferMinutes: draft.waitingListEnabled
      ? wholeNumber("waitingListOfferMinutes", draft.waitingListOfferMinutes, "Enter how many minutes a fan has to pay")
      : parseWholeNumber(draft.waitingListOfferMinutes) ?? 15,
    tiers,
  };
}

function check<S extends z.ZodType>(
  schema: S,
  values: Record<string, unknown>,
  draft: EventDraft,
  errors: FieldErrors,
): { errors: FieldErrors; input: z.output<S> | null } {
  const result = schema.safeParse(values);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = keyForPath(issue.path, draft);
      // What the form found first (e.g. "Enter a whole number") says more than zod's view of the placeholder.
      if (!errors[key]) errors[key] = messageFor(issue, key);
    }
  }
  const valid = result.success && Object.keys(errors).length === 0;
  return { errors, input: valid ? result.data : null };
}

/** Checks a new event with the API's own schema; `input` is what `admin.events.create` takes, or null. */
export function validateNewEvent(
  draft: EventDraft,
  context: DraftContext,
): { errors: FieldErrors; input: EventSpec | null } {
  const errors: FieldErrors = {};
  return check(eventSpec, buildInput(draft, context, errors, "create"), draft, errors);
}

/** Checks an edit with the API's own schema; `input` is what `admin.events.update` takes, or null. */
export function validateEventEdit(
  draft: EventDraft,
  context: DraftContext,
  eventId: string,
): { errors: FieldErrors; input: EventUpdateInput | null } {
  const errors: FieldErrors = {};
  return check(eventUpdateInput, { eventId, ...buildInput(draft, context, errors, "edit") }, draft, errors);
}
