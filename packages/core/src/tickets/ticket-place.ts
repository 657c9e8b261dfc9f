import { schema, type Database, type Transaction } from "@frontrow/db";
import { eq } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";

const { tickets, sections, priceTiers, seats } = schema;

/** Where a ticket is and what it is: its section's name, its price tier's name, its seat's row and number (null standing). */
export const ticketPlaceFields = {
  tierName: priceTiers.name,
  section: sections.name,
  row: seats.row,
  number: seats.number,
};

/**
 * Tickets with their section, tier and seat (`fields` plus `ticketPlaceFields`), for the caller to narrow with
 * `.where()`: the one join every ticket view reads its place through.
 */
export function selectTicketsWithPlace<Fields extends SelectedFields>(db: Database | Transaction, fields: Fields) {
  return db
    .select({ ...fields, ...ticketPlaceFields })
    .from(tickets)
    .innerJoin(sections, eq(sections.id, tickets.sectionId))
    .innerJoin(priceTiers, eq(priceTiers.id, tickets.tierId))
    .leftJoin(seats, eq(seats.id, tickets.seatId));
}
