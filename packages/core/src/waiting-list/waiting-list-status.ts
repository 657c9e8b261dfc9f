import { schema, type Database } from "@frontrow/db";
import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";

const { waitingListEntries, events } = schema;

export interface WaitingListStatus {
  /** The fan's open entry (waiting or offered), or null when they are not on the list. */
  entry: {
    entryId: string;
    status: "waiting" | "offered";
    quantity: number;
    sectionId: string | null;
    tierId: string | null;
    joinedAt: Date;
    /** 1 = next in line; null while the fan holds an offer. */
    position: number | null;
    /** Seats held for the fan: pay for this hold (a normal checkout) before `expiresAt`. */
    offer: { holdId: string; expiresAt: Date } | null;
  } | null;
  /** The fan's last offer that ended without a sale (it expired or was declined), for the page to say so. */
  lastOfferEnded: "expired" | "left" | "purchased" | null;
  /** Fans waiting in line now. */
  waiting: number;
}

/** The fan's open entry on the event's list (waiting or offered): at most one, by a unique index. */
export function openEntryOf(input: { eventId: string; userId: string }) {
  return and(
    eq(waitingListEntries.eventId, input.eventId),
    eq(waitingListEntries.userId, input.userId),
    inArray(waitingListEntries.status, ["waiting", "offered"]),
  );
}

/** The fan's place on the event's waiting list: position, offer, and the list's length. */
export async function getWaitingListStatus(
  deps: { db: Database },
  input: { eventId: string; userId: string },
): Promise<WaitingListStatus> {
  const [open] = await deps.db.select().from(waitingListEntries).where(openEntryOf(input));
  const [counts] = await deps.db
    .select({
      waiting: sql<number>`count(*)::int`,
      ahead: open
        ? sql<number>`(count(*) filter (where ${lte(waitingListEntries.place, open.place)}))::int`
        : sql<number>`0`,
    })
    .from(waitingListEntries)
    .where(and(eq(waitingListEntries.eventId, input.eventId), eq(waitingListEntries.status, "waiting")));
  let lastOfferEnded: WaitingListStatus["lastOfferEnded"] = null;
  if (!open) {
    const [last] = await deps.db
      .select({ status: waitingListEntries.status })
      .from(waitingListEntries)
      .where(
        and(
          eq(waitingListEntries.eventId, input.eventId),
          eq(waitingListEntries.userId, input.userId),
          sql`${waitingListEntries.offeredAt} is not null`,
        ),
      )
      .orderBy(desc(waitingListEntries.place))
      .limit(1);
    if (last && (last.status === "expired" || last.status === "left" || last.status === "purchased")) {
      lastOfferEnded = last.status;
    }
  }
  return {
    entry: open
      ? {
          entryId: open.id,
          status: open.status as "waiting" | "offered",
          quantity: open.quantity,
          sectionId: open.sectionId,
          tierId: open.tierId,
          joinedAt: open.joinedAt,
          position: open.status === "waiting" ? Number(counts?.ahead ?? 0) : null,
          offer:
            open.status === "offered" && open.holdId && open.offerExpiresAt
              ? { holdId: open.holdId, expiresAt: open.offerExpiresAt }
              : null,
        }
      : null,
    lastOfferEnded,
    waiting: Number(counts?.waiting ?? 0),
  };
}

/** For the organizer's dashboard: whether the list is on, fans waiting, and offers open now. */
export async function getWaitingListSummary(deps: { db: Database }, input: { eventId: string }) {
  const [row] = await deps.db
    .select({
      enabled: sql<boolean>`(select ${events.waitingListEnabled} from ${events} where ${events.id} = ${input.eventId})`,
      waiting: sql<number>`(count(*) filter (where ${waitingListEntries.status} = 'waiting'))::int`,
      waitingTickets: sql<number>`coalesce(sum(${waitingListEntries.quantity}) filter (where ${waitingListEntries.status} = 'waiting'), 0)::int`,
      openOffers: sql<number>`(count(*) filter (where ${waitingListEntries.status} = 'offered'))::int`,
      offeredTickets: sql<number>`coalesce(sum(${waitingListEntries.quantity}) filter (where ${waitingListEntries.status} = 'offered'), 0)::int`,
      purchased: sql<number>`(count(*) filter (where ${waitingListEntries.status} = 'purchased'))::int`,
      expired: sql<number>`(count(*) filter (where ${waitingListEntries.status} = 'expired'))::int`,
    })
    .from(waitingListEntries)
    .where(eq(waitingListEntries.eventId, input.eventId));
  return {
    enabled: row?.enabled === true,
    waiting: Number(row?.waiting ?? 0),
    waitingTickets: Number(row?.waitingTickets ?? 0),
    openOffers: Number(row?.openOffers ?? 0),
    offeredTickets: Number(row?.offeredTickets ?? 0),
    purchased: Number(row?.purchased ?? 0),
    expired: Number(row?.expired ?? 0),
  };
}
