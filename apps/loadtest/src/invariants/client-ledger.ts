export interface LedgerHold {
  holdId: string;
  eventId: string;
  userId: string;
  seatIds: string[];
  /** Epoch ms when the fan sent the request (the server granted it after this). */
  requestedAt: number;
  /** Epoch ms when the fan got the success response (the server granted it before this). */
  grantedAt: number;
  expiresAt: number;
  /** Epoch ms when the fan sent the release that succeeded (the server let go after this). */
  releasedAt?: number;
  orderId?: string;
  /** What else happened to it, for the post-mortem in ledger.json (e.g. "checkout: TIMEOUT"). */
  notes?: string[];
}

export interface LedgerOrder {
  orderId: string;
  eventId: string;
  userId: string;
  holdId: string;
  totalCents: number;
  seatIds: string[];
}

/** A seat held by two holds at once, as the fans' own responses prove it. */
export interface DoubleHold {
  seatId: string;
  first: string;
  second: string;
}

/**
 * Everything fans were told succeeded: holds (and when they were let go) and orders. The invariant check
 * compares this with Postgres and Redis; `doubleHolds` finds seats that two fans held at the same moment.
 */
export class ClientLedger {
  readonly holds = new Map<string, LedgerHold>();
  readonly orders = new Map<string, LedgerOrder>();
  /**
   * Known data losses per event (a Redis flush or restart in the fault drill): when the data was wiped (the kill or
   * the flush) and when the wipe was over (the new Redis up). Holds requested before the end may have been wiped.
   */
  readonly lostBefore = new Map<string, { wipedAt: number; completedAt: number }>();

  hold(hold: Omit<LedgerHold, "grantedAt"> & { grantedAt?: number }): void {
    this.holds.set(hold.holdId, { ...hold, grantedAt: hold.grantedAt ?? Date.now() });
  }

  /** A hold just granted, as `holds.create` answered it, for the fan and request it answered. */
  holdGranted(
    answer: { holdId: string; seatIds: string[]; expiresAt: Date },
    request: { requestedAt: number; eventId: string; userId: string },
  ): void {
    this.hold({
      ...request,
      holdId: answer.holdId,
      seatIds: answer.seatIds,
      expiresAt: answer.expiresAt.getTime(),
    });
  }

  /** True when a known data loss may have wiped this hold: it was requested before the loss completed. */
  possiblyLost(hold: LedgerHold): boolean {
    const loss = this.lostBefore.get(hold.eventId);
    return loss !== undefined && hold.requestedAt < loss.completedAt;
  }

  /** Call with the time the release request was sent. */
  released(holdId: string, sentAt: number): void {
    const hold = this.holds.get(holdId);
    if (hold) hold.releasedAt = sentAt;
  }

  note(holdId: string, text: string): void {
    const hold = this.holds.get(holdId);
    if (hold) (hold.notes ??= []).push(text);
  }

  order(order: LedgerOrder): void {
    this.orders.set(order.orderId, order);
    const hold = this.holds.get(order.holdId);
    if (hold) hold.orderId = order.orderId;
  }

  /**
   * Marks an event's Redis data wiped on purpose at `wipedAt` (the kill or the flush); call once the wipe is over. A
   * hold requested before then may have been wiped, and if it was, it was gone from `wipedAt`: a hold the new Redis
   * granted meanwhile is not held twice with it.
   */
  markDataLoss(eventId: string, wipedAt: number, completedAt = Date.now()): void {
    this.lostBefore.set(eventId, { wipedAt, completedAt });
  }

  /** What the report keeps of it (ledger.json): every hold and order fans were told of, and the known data losses. */
  toJSON() {
    return {
      holds: [...this.holds.values()],
      orders: [...this.orders.values()],
      dataLoss: Object.fromEntries(this.lostBefore),
    };
  }

  holdsOf(eventId: string): LedgerHold[] {
    return [...this.holds.values()].filter((hold) => hold.eventId === eventId);
  }

  ordersOf(eventId: string): LedgerOrder[] {
    return [...this.orders.values()].filter((order) => order.eventId === eventId);
  }

  /**
   * For each seat, the windows in which a fan certainly held it: from the success response to the release request
   * (or the expiry; forever once bought). Two overlapping windows on one seat mean it was held twice at once.
   */
  doubleHolds(eventId: string): { seatsChecked: number; windows: number; doubles: DoubleHold[] } {
    const bySeat = new Map<string, Array<{ start: number; end: number; holdId: string }>>();
    let windows = 0;
    for (const hold of this.holdsOf(eventId)) {
      // A hold that a known data loss may have wiped is only known to have lasted until the wipe.
      const lostAt = this.possiblyLost(hold) ? this.lostBefore.get(eventId)!.wipedAt : Number.POSITIVE_INFINITY;
      const end = Math.min(
        hold.orderId
          ? Number.POSITIVE_INFINITY
          : Math.min(hold.releasedAt ?? Number.POSITIVE_INFINITY, hold.expiresAt),
        lostAt,
      );
      for (const seatId of hold.seatIds) {
        let list = bySeat.get(seatId);
        if (!list) bySeat.set(seatId, (list = []));
        list.push({ start: hold.grantedAt, end, holdId: hold.holdId });
        windows++;
      }
    }
    const doubles: DoubleHold[] = [];
    for (const [seatId, list] of bySeat) {
      list.sort((a, b) => a.start - b.start);
      let open = list[0];
      for (const window of list.slice(1)) {
        if (open && window.start < open.end)
          doubles.push({ seatId, first: open.holdId, second: window.holdId });
        if (!open || window.end > open.end) open = window;
      }
    }
    return { seatsChecked: bySeat.size, windows, doubles };
  }
}
