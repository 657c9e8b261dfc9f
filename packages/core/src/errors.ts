/** Every failure a fan or client can be told about. Mapped to transport codes once, in packages/api. */
export type DomainErrorCode =
  | "SEAT_UNAVAILABLE"
  /** A hand-picked hold would leave one free seat alone (the single-seat rule); `seatIds` names it. */
  | "LEAVES_SINGLE_SEAT"
  | "LAYOUT_CHANGED"
  | "LIMIT_EXCEEDED"
  | "HOLD_NOT_FOUND"
  | "HOLD_EXPIRED"
  | "NOT_ADMITTED"
  | "NOT_ON_SALE"
  | "PAYMENT_DECLINED"
  | "RATE_LIMITED"
  | "INVALID_CREDENTIALS"
  | "EMAIL_TAKEN"
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "CHECKOUT_IN_PROGRESS"
  /** A row this change needs stayed locked by another change past the lock timeout; retry after `retryAfterMs`. */
  | "BUSY"
  | "IDEMPOTENCY_KEY_REUSED"
  | "CLIENT_LIMIT_EXCEEDED"
  | "PROOF_OF_WORK_REQUIRED"
  /** The event's refund policy does not let the fan cancel this order themselves (now, or at all). */
  | "CANCELLATION_NOT_ALLOWED"
  /** The event does not allow ticket transfers, or its transfer cut-off has passed. */
  | "TRANSFER_NOT_ALLOWED"
  /** A ticket sent is already in another pending transfer. */
  | "TRANSFER_PENDING"
  /** The transfer was already accepted, declined, cancelled or expired. */
  | "TRANSFER_NOT_PENDING"
  /** A door scan: the code is not a Frontrow ticket code, or its signature does not check out. */
  | "TICKET_CODE_INVALID"
  /** A door scan: the rotating code's time window has passed (a screenshot), or the scanner's clock is off. */
  | "TICKET_CODE_EXPIRED"
  /** A door scan: the ticket is for another event than the one this door admits to. */
  | "WRONG_EVENT"
  /** A door scan: a printed (static) code, for an event whose organizer allows no printed tickets. */
  | "PRINTED_TICKETS_NOT_ALLOWED"
  /** A door scan: the ticket was cancelled (its order cancelled and refunded). */
  | "TICKET_VOID"
  /** A door scan: the ticket was already let in; `admittedAt` says when. */
  | "TICKET_ALREADY_USED"
  /** The event does not allow resale, or the show has started (or its sales ended). */
  | "RESALE_NOT_ALLOWED"
  /** A ticket is already listed for resale: withdraw the listing first. */
  | "RESALE_LISTED"
  /** The listing was already sold, withdrawn or cancelled. */
  | "RESALE_NOT_LISTED"
  /** Someone is paying for the listed seat right now (a hold or a waiting-list offer): it cannot be withdrawn. */
  | "RESALE_BEING_BOUGHT"
  /** The event takes no waiting list (switched off, or its sales are not open). */
  | "WAITING_LIST_CLOSED"
  /** The fan is on this event's waiting list already (waiting, or holding an offer). */
  | "ALREADY_ON_WAITING_LIST";

/** Extra facts a client can act on, e.g. which seats blocked a hold or when to retry. */
export interface DomainErrorDetails {
  seatIds?: string[];
  /** SEAT_UNAVAILABLE: the same seats by their index in the layout `layoutVersion` (see holds.create by index). */
  seatIndexes?: number[];
  layoutVersion?: string;
  retryAfterMs?: number;
  field?: string;
  /** NOT_ADMITTED: the fan had been admitted, but their shopping window is over (time ran out, or they left). */
  windowEnded?: boolean;
  /** TICKET_ALREADY_USED: when the ticket was let in (ISO 8601). */
  admittedAt?: string;
}

/**
 * A refusal the caller is told about (a seat taken, a limit reached), not a defect: it carries no stack trace,
 * since capturing one on every lost race of an on-sale costs CPU and tells nobody anything.
 */
export class DomainError extends Error {
  override readonly name = "DomainError";
  readonly code: DomainErrorCode;
  readonly details: DomainErrorDetails;

  constructor(code: DomainErrorCode, message: string, details: DomainErrorDetails = {}) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Builds an error without capturing a stack trace: for refusals, which are answers, not defects. */
export function withoutStackTrace<T extends Error>(build: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return build();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
