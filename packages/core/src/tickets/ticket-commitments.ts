import { schema, type Transaction } from "@frontrow/db";
import { and, eq, inArray } from "drizzle-orm";
import { DomainError } from "../errors";

const { ticketTransfers, ticketTransferTickets, resaleListings } = schema;

/**
 * Refuses tickets already promised elsewhere: in a pending transfer (TRANSFER_PENDING) or an open resale listing
 * (RESALE_LISTED). Called with the tickets locked (FOR UPDATE), so a transfer and a listing of one ticket take turns
 * and the second sees the first.
 */
export async function assertTicketsUncommitted(tx: Transaction, eventId: string, ticketIds: string[]): Promise<void> {
  const [pending, listed] = await Promise.all([
    tx
      .select({ ticketId: ticketTransferTickets.ticketId })
      .from(ticketTransferTickets)
      .innerJoin(ticketTransfers, eq(ticketTransfers.id, ticketTransferTickets.transferId))
      .where(
        and(
          eq(ticketTransferTickets.eventId, eventId),
          inArray(ticketTransferTickets.ticketId, ticketIds),
          eq(ticketTransfers.status, "pending"),
        ),
      ),
    tx
      .select({ id: resaleListings.id })
      .from(resaleListings)
      .where(and(eq(resaleListings.eventId, eventId), inArray(resaleListings.ticketId, ticketIds), eq(resaleListings.status, "listed"))),
  ]);
  if (pending.length > 0) {
    throw new DomainError("TRANSFER_PENDING", "Some of these tickets are already being transferred: cancel that transfer first");
  }
  if (listed.length > 0) {
    throw new DomainError("RESALE_LISTED", "Some of these tickets are listed for resale: withdraw the listing first");
  }
}
