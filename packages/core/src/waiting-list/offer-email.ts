import { schema, type Database } from "@frontrow/db";
import { formatVenueFullDateTime } from "@frontrow/validators";
import { eq } from "drizzle-orm";

const { waitingListEntries, events, venues, users } = schema;

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * The mail telling a fan that seats from the waiting list are held for them: how many, until when (the venue's
 * clock) and where to pay. Null when the entry is gone.
 */
export async function waitingListOfferEmail(deps: { db: Database }, entryId: string) {
  const [row] = await deps.db
    .select({
      email: users.email,
      name: users.name,
      quantity: waitingListEntries.quantity,
      holdId: waitingListEntries.holdId,
      expiresAt: waitingListEntries.offerExpiresAt,
      eventName: events.name,
      timezone: venues.timezone,
    })
    .from(waitingListEntries)
    .innerJoin(users, eq(users.id, waitingListEntries.userId))
    .innerJoin(events, eq(events.id, waitingListEntries.eventId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(waitingListEntries.id, entryId));
  if (!row?.holdId || !row.expiresAt) return null;
  const until = formatVenueFullDateTime(row.expiresAt, row.timezone, "en-US");
  const tickets = row.quantity === 1 ? "1 ticket" : `${row.quantity} tickets`;
  const path = `/checkout/${row.holdId}`;
  const subject = `Tickets for ${row.eventName} are held for you`;
  const text = `Hi ${row.name},\n\n${tickets} for ${row.eventName} came back on sale and are held for you from the waiting list until ${until}. Pay for them on Frontrow (${path}) before then, or they go to the next fan in line.\n`;
  const html = `<p>Hi ${escape(row.name)},</p><p>${tickets} for <strong>${escape(row.eventName)}</strong> came back on sale and are held for you from the waiting list until <strong>${escape(until)}</strong>.</p><p>Pay for them on Frontrow (<code>${escape(path)}</code>) before then, or they go to the next fan in line.</p>`;
  return { to: row.email, subject, text, html };
}
