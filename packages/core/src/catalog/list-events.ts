import { schema, type Database } from "@frontrow/db";
import type { EventsListInput } from "@frontrow/validators";
import { and, asc, eq, gt, gte, ilike, lte, or, type SQL } from "drizzle-orm";
import type { Clock } from "../clock";
import { decodeEventCursor, encodeEventCursor } from "./event-cursor";
import { toEventSummary } from "./to-event-summary";
import { eventSummaryFields } from "./event-summary-fields";

const { events, venues } = schema;

function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The catalog: upcoming events (unless `from` says otherwise) in start order, filtered by text (every word must
 * appear in name, performer, venue or city), category, venue and date range, paged by an opaque cursor.
 */
export async function listEvents(deps: { db: Database; clock: Clock }, input: EventsListInput) {
  const now = deps.clock.now();
  const limit = input.limit;
  const filters: SQL[] = [gte(events.startsAt, input.from ?? now)];
  if (input.to) filters.push(lte(events.startsAt, input.to));
  if (input.category) filters.push(eq(events.category, input.category));
  if (input.venueId) filters.push(eq(events.venueId, input.venueId));
  for (const word of (input.q ?? "").toLowerCase().split(/\s+/).filter(Boolean)) {
    filters.push(ilike(events.searchText, likePattern(word)));
  }
  if (input.cursor) {
    const after = decodeEventCursor(input.cursor);
    filters.push(
      or(gt(events.startsAt, after.startsAt), and(eq(events.startsAt, after.startsAt), gt(events.id, after.id)))!,
    );
  }

  const rows = await deps.db
    .select(eventSummaryFields)
    .from(events)
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(and(...filters))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toEventSummary(row, now)),
    nextCursor: rows.length > limit && last ? encodeEventCursor({ startsAt: last.startsAt, id: last.id }) : null,
  };
}
