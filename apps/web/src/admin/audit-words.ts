import type { AppRouter } from "@frontrow/api";
import type { inferRouterOutputs } from "@trpc/server";
import { formatCount, formatEventDate, viewerTimeZone } from "../lib/format";

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
  "venue.create": "Created the venue",
  "venue.update": "Edited the venue",
  "venue.add_sections": "Added sections",
  "venue.remove_section": "Removed a section",
  "venue.remove_seats": "Removed seats",
  "venue.resize_section": "Resized a standing area",
  "venue.seat_attributes": "Changed seat marks",
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

function genericDetails(details: Details): string {
  return Object.entries(details)
    .map(([key, value]) => {
      if (isRecord(value) && "from" in value && "to" in value)
        return `${keyWords(key)}: ${valueWords(value.from)} → ${valueWords(value.to)}`;
      return `${keyWords(key)}: ${valueWords(value)}`;
    })
    .join("; ");
}

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
    case "event.put_on_sale":
    case "event.pause":
    case "event.resume":
    case "event.end":
    case "event.cancel":
      return `From ${valueWords(details.from)} to ${valueWords(details.to)}`;
    case "event.admission":
      return admissionDetails(details) || genericDetails(details);
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
