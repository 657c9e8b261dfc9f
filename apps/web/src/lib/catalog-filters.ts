import { isId } from "@frontrow/validators/plain";
import { isCategory, type Category } from "./categories";

export const DATE_PRESETS = ["any", "week", "month", "range"] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

export const DATE_PRESET_LABELS: Record<DatePreset, string> = {
  any: "Any date",
  week: "This week",
  month: "This month",
  range: "Pick dates",
};

/** Catalog filters as they live in the URL: `?q=&category=&venue=&when=&from=&to=` (dates as YYYY-MM-DD). */
export interface CatalogFilters {
  q: string;
  category: Category | null;
  venueId: string;
  when: DatePreset;
  from: string;
  to: string;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isDatePreset(value: string | null): value is DatePreset {
  return (DATE_PRESETS as readonly string[]).includes(value ?? "");
}

function dateParam(value: string | null): string {
  return value && DATE_PATTERN.test(value) && !Number.isNaN(parseLocalDate(value).getTime()) ? value : "";
}

export function readCatalogFilters(params: URLSearchParams): CatalogFilters {
  const category = params.get("category");
  const when = params.get("when");
  const from = dateParam(params.get("from"));
  const to = dateParam(params.get("to"));
  return {
    q: params.get("q") ?? "",
    category: isCategory(category) ? category : null,
    venueId: isId(params.get("venue")) ? (params.get("venue") ?? "") : "",
    // A bare `?from=…` still means a custom range.
    when: isDatePreset(when) ? when : from || to ? "range" : "any",
    from,
    to,
  };
}

export function writeCatalogFilters(filters: CatalogFilters): URLSearchParams {
  const params = new URLSearchParams();
  const q = filters.q.trim();
  if (q) params.set("q", q);
  if (filters.category) params.set("category", filters.category);
  if (filters.venueId) params.set("venue", filters.venueId);
  if (filters.when !== "any") params.set("when", filters.when);
  if (filters.when === "range") {
    if (filters.from) params.set("from", filters.from);
    if (filters.to) params.set("to", filters.to);
  }
  return params;
}

export function hasActiveFilters(filters: CatalogFilters): boolean {
  return Boolean(filters.q.trim() || filters.category || filters.venueId || filters.when !== "any");
}

/** "2026-06-12" → local midnight of that day. */
export function parseLocalDate(value: string): Date {
  const [year, month, day] = value.split("-").map(Number);
  return new Date(year ?? NaN, (month ?? NaN) - 1, day ?? NaN);
}

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function endOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate(), 23, 59, 59, 999);
}

/**
 * The `from`/`to` instants sent to `events.list`. Derived from the calendar day (not the current
 * millisecond) so the query key stays stable while the page is open.
 */
export function dateRangeFor(filters: CatalogFilters, today: Date): { from?: Date; to?: Date } {
  switch (filters.when) {
    case "any":
      return {};
    case "week": {
      // Through the end of Sunday.
      const daysToSunday = (7 - today.getDay()) % 7;
      const sunday = new Date(today.getFullYear(), today.getMonth(), today.getDate() + daysToSunday);
      return { from: startOfDay(today), to: endOfDay(sunday) };
    }
    case "month": {
      const lastDay = new Date(today.getFullYear(), today.getMonth() + 1, 0);
      return { from: startOfDay(today), to: endOfDay(lastDay) };
    }
    case "range": {
      let from = filters.from ? parseLocalDate(filters.from) : undefined;
      let to = filters.to ? endOfDay(parseLocalDate(filters.to)) : undefined;
      if (from && to && from > to) {
        [from, to] = [startOfDay(to), endOfDay(from)];
      }
      return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    }
  }
}

const shortDate = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });

/** Human summary for the empty state: `“jazz” in Concerts at Harbour Arena this week`. */
export function describeFilters(
  filters: CatalogFilters,
  labels: { category: string | null; venue: string | null },
): string {
  const parts: string[] = [];
  const q = filters.q.trim();
  if (q) parts.push(`“${q}”`);
  if (labels.category) parts.push(q ? `in ${labels.category}` : labels.category.toLowerCase());
  if (filters.venueId) parts.push(`at ${labels.venue ?? "this venue"}`);
  const day = (value: string) => shortDate.format(parseLocalDate(value));
  if (filters.when === "week") parts.push("this week");
  if (filters.when === "month") parts.push("this month");
  if (filters.when === "range") {
    if (filters.from && filters.to) parts.push(`between ${day(filters.from)} and ${day(filters.to)}`);
    else if (filters.from) parts.push(`from ${day(filters.from)}`);
    else if (filters.to) parts.push(`until ${day(filters.to)}`);
  }
  return parts.join(" ");
}
