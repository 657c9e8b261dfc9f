import { schema, type Database } from "@frontrow/db";
import type { EventsListInput } from "@frontrow/validators";
import { and, asc, eq, gt, gte, ilike, lte, or, sql, type Placeholder, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Clock } from "../clock";
import { perDatabase } from "../prepared";
import { decodeEventCursor, encodeEventCursor } from "./event-cursor";
import { toEventSummary } from "./to-event-summary";
import { eventSummaryFields } from "./event-summary-fields";

const { events, venues } = schema;

function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Events after the cursor's position in (startsAt, id) order. */
function afterCursor(startsAt: Date | SQLWrapper, id: string | SQLWrapper): SQL {
  return or(gt(events.startsAt, startsAt), and(eq(events.startsAt, startsAt), gt(events.id, id)))!;
}

function eventsPage(db: Database, filters: SQL[], limit: number | Placeholder) {
  return db
    .select(eventSummaryFields)
    .from(events)
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(and(...filters))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(limit);
}

const startsAtParam = (name: string) => sql.param(sql.placeholder(name), events.startsAt);

/** The unfiltered catalog (its first page and the pages after), the shape nearly every request has. */
const statements = perDatabase((db) => ({
  upcoming: eventsPage(db, [gte(events.startsAt, startsAtParam("from"))], sql.placeholder("limit")).prepare(
    "catalog_events",
  ),
  upcomingAfter: eventsPage(
    db,
    [gte(events.startsAt, startsAtParam("from")), afterCursor(startsAtParam("afterStartsAt"), sql.placeholder("afterId"))],
    sql.placeholder("limit"),
  ).prepare("catalog_events_after"),
}));

/**
 * The catalog: upcoming events (unless `from` says otherwise) in start order, filtered by text (every word must
 * appear in name, performer, venue or city), category, venue and date range, paged by an opaque cursor.
 */
export async function listEvents(deps: { db: Database; clock: Clock }, input: EventsListInput) {
  const now = deps.clock.now();
  const limit = input.limit;
  const from = input.from ?? now;
  const words = (input.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const after = input.cursor ? decodeEventCursor(input.cursor) : undefined;

  let rows;
  if (!input.to && !input.category && !input.venueId && words.length === 0) {
    const prepared = statements(deps.db);
    rows = after
      ? await prepared.upcomingAfter.execute({ from, limit: limit + 1, afterStartsAt: after.startsAt, afterId: after.id })
      : await prepared.upcoming.execute({ from, limit: limit + 1 });
  } else {
    const filters: SQL[] = [gte(events.startsAt, from)];
    if (input.to) filters.push(lte(events.startsAt, input.to));
    if (input.category) filters.push(eq(events.category, input.category));
    if (input.venueId) filters.push(eq(events.venueId, input.venueId));
    for (const word of words) filters.push(ilike(events.searchText, likePattern(word)));
    if (after) filters.push(afterCursor(after.startsAt, after.id));
    rows = await eventsPage(deps.db, filters, limit + 1);
  }

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toEventSummary(row, now)),
    nextCursor: rows.length > limit && last ? encodeEventCursor({ startsAt: last.startsAt, id: last.id }) : null,
  };
}
