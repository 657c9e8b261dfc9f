import { schema, type Database } from "@frontrow/db";
import { shortOrderCode } from "@frontrow/validators";
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { seatLabel } from "../tickets/seat-claim";

/**
 * An event's orders for its organizer, newest first: who bought, which places, what was paid and refunded.
 * `q` finds an order by its short code (the start of its id) or the fan's name or email.
 */
export async function listEventOrders(
  deps: { db: Database },
  input: { eventId: string; q?: string; limit?: number },
) {
  const { orders, users, tickets, sections, seats } = schema;
  const filters: SQL[] = [eq(orders.eventId, input.eventId)];
  const q = input.q?.trim();
  if (q) {
    const escaped = q.replace(/[\\%_]/g, "\\$&");
    filters.push(
      or(
        sql`${orders.id}::text like ${`${escaped.toLowerCase()}%`}`,
        ilike(users.email, `%${escaped}%`),
        ilike(users.name, `%${escaped}%`),
      )!,
    );
  }
  const rows = await deps.db
    .select({
      id: orders.id,
      status: orders.status,
      totalCents: orders.totalCents,
      refundedCents: orders.refundedCents,
      currency: orders.currency,
      createdAt: orders.createdAt,
      cancelledAt: orders.cancelledAt,
      fan: { name: users.name, email: users.email },
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.userId))
    .where(and(...filters))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(input.limit ?? 50);
  if (rows.length === 0) return [];
  const places = await deps.db
    .select({ orderId: tickets.orderId, section: sections.name, row: seats.row, number: seats.number })
    .from(tickets)
    .innerJoin(sections, eq(sections.id, tickets.sectionId))
    .leftJoin(seats, eq(seats.id, tickets.seatId))
    .where(and(eq(tickets.eventId, input.eventId), inArray(tickets.orderId, rows.map((row) => row.id))))
    .orderBy(asc(sections.name), asc(seats.row), asc(seats.number));
  return rows.map((row) => ({
    ...row,
    code: shortOrderCode(row.id),
    places: places.filter((place) => place.orderId === row.id).map((place) => seatLabel(place.section, place.row, place.number)),
  }));
}
