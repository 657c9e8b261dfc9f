import { TRPCClientError } from "@trpc/client";
import {
  CARD_FIELDS,
  EMPTY_CARD_FORM,
  cardFieldOfMessage,
  cardFieldOfPath,
  fieldError,
  paymentFingerprint,
  validateCardForm,
  type CardField,
  type CardFormErrors,
  type CardFormValues,
  type CardPayment,
} from "../../lib/card";
import { describeError, rateLimitMessage } from "../../lib/errors";
import { newIdempotencyKey } from "../../lib/seat-words";

/** What the form says above the Pay button; pages turn the kinds that need links into words with links. */
export type PaymentProblem =
  | { kind: "declined"; message: string }
  /** A payment for this hold is still being processed (another tab, or a request that timed out). */
  | { kind: "in-progress" }
  | { kind: "signed-out" }
  | { kind: "text"; text: string };

/** Why the fan can't pay any more: the hold ran out, or a seat was sold to someone faster. */
export type Blocker = "expired" | "unavailable";

export interface CheckoutState {
  values: CardFormValues;
  errors: CardFormErrors;
  /** Pay was pressed once: from then on every change is checked as the fan types. */
  submitted: boolean;
  problem: PaymentProblem | null;
  blocker: Blocker | null;
  paying: boolean;
  paid: boolean;
  /** The total changed while the fan was here (an organizer's new prices): from the first total seen. */
  priceChange: { from: number; to: number } | null;
}

export interface CheckoutPorts<Order> {
  pay(input: { holdId: string; idempotencyKey: string; payment: CardPayment }): Promise<{ order: Order }>;
  /** The order is confirmed: show it. */
  paid(order: Order): Promise<void> | void;
  /** What the server said makes cached holds (and, for sold seats, the map) out of date. */
  holdsChanged(reason: Blocker | "in-progress"): void;
  newKey?: () => string;
}

/**
 * Paying for one hold, outside React: the card form as typed (never lost on a bad value), its errors, the
 * idempotency key of each attempt (the same key when the same card is sent again, so a retry after a dropped
 * connection can't charge twice; a new key for new card details), what the server's refusals mean for the fan,
 * and a total that changes under them. Pages read `getState()` through `useSyncExternalStore`.
 */
export class CheckoutController<Order = unknown> {
  private state: CheckoutState = {
    values: EMPTY_CARD_FORM,
    errors: {},
    submitted: false,
    problem: null,
    blocker: null,
    paying: false,
    paid: false,
    priceChange: null,
  };
  private attempt: { key: string; fingerprint: string } | null = null;
  private firstTotal: number | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly holdId: string,
    private readonly ports: CheckoutPorts<Order>,
  ) {}

  getState = (): CheckoutState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(changes: Partial<CheckoutState>): void {
    this.state = { ...this.state, ...changes };
    for (const listener of this.listeners) listener();
  }

  setField(field: CardField, value: string): void {
    const values = { ...this.state.values, [field]: value };
    const recheck = this.state.errors[field] !== undefined || this.state.submitted;
    this.set({ values, ...(recheck ? { errors: { ...this.state.errors, [field]: fieldError(values, field) } } : {}) });
  }

  /** Leaving a field checks it, unless the fan left it empty before ever pressing Pay. */
  blurField(field: CardField, value: string): void {
    if (value === "" && !this.state.submitted) return;
    this.set({ errors: { ...this.state.errors, [field]: fieldError(this.state.values, field) } });
  }

  /** Fills a test card's number (and an expiry and code if none yet); re-checks what changed or was flagged. */
  fillTestCard(number: string): void {
    const { values, errors, submitted } = this.state;
    const next: CardFormValues = { ...values, cardNumber: number, expiry: values.expiry || "12/30", cvc: values.cvc || "123" };
    const found = validateCardForm(next).errors ?? {};
    const updated: CardFormErrors = {};
    for (const field of CARD_FIELDS) {
      const check = submitted || errors[field] !== undefined || next[field] !== values[field];
      const message = check ? found[field] : errors[field];
      if (message) updated[field] = message;
    }
    this.set({ values: next, errors: updated });
  }

  /** The hold's total as the server prices it now; a change from the first one seen is shown until it goes back. */
  seeTotal(total: number | null): void {
    if (total === null) return;
    this.firstTotal ??= total;
    if (this.state.paying || this.state.paid) return;
    const priceChange = total === this.firstTotal ? null : { from: this.firstTotal, to: total };
    const same = priceChange?.to === this.state.priceChange?.to && priceChange?.from === this.state.priceChange?.from;
    if (!same) this.set({ priceChange });
  }

  /**
   * Pay: checks the form, then sends the payment under this attempt's key. Resolves with the field to focus
   * when the form (or the server) found a problem with one, else null.
   */
  async submit(): Promise<CardField | null> {
    if (this.state.paying || this.state.paid) return null;
    const result = validateCardForm(this.state.values);
    if (result.errors) {
      this.set({ submitted: true, errors: result.errors, problem: null });
      return CARD_FIELDS.find((field) => result.errors[field]) ?? null;
    }
    const fingerprint = paymentFingerprint(result.payment);
    if (!this.attempt || this.attempt.fingerprint !== fingerprint) {
      this.attempt = { key: (this.ports.newKey ?? newIdempotencyKey)(), fingerprint };
    }
    this.set({ submitted: true, errors: {}, problem: null, paying: true });
    try {
      const { order } = await this.ports.pay({ holdId: this.holdId, idempotencyKey: this.attempt.key, payment: result.payment });
      this.set({ paying: false, paid: true });
      await this.ports.paid(order);
      return null;
    } catch (error) {
      this.set({ paying: false });
      return this.refused(error);
    }
  }

  private refused(error: unknown): CardField | null {
    const info = describeError(error);
    const say = (problem: PaymentProblem) => {
      this.set({ problem });
      return null;
    };
    switch (info.domainCode) {
      case "PAYMENT_DECLINED":
        return say({ kind: "declined", message: info.message || "Your card was declined." });
      case "HOLD_EXPIRED":
      case "HOLD_NOT_FOUND":
        this.set({ blocker: "expired" });
        this.ports.holdsChanged("expired");
        return null;
      case "SEAT_UNAVAILABLE":
        this.set({ blocker: "unavailable" });
        this.ports.holdsChanged("unavailable");
        return null;
      case "CHECKOUT_IN_PROGRESS":
        this.ports.holdsChanged("in-progress");
        return say({ kind: "in-progress" });
      case "IDEMPOTENCY_KEY_REUSED":
        this.attempt = null;
        return say({ kind: "text", text: "Your card details changed while a payment was being sent. Please press Pay again." });
      case "NOT_ON_SALE":
        return say({ kind: "text", text: "Sales for this event are paused or closed right now. Your card was not charged." });
      case "RATE_LIMITED":
        return say({ kind: "text", text: rateLimitMessage(info.retryAfterMs) });
    }
    if (info.code === "BAD_REQUEST") return this.showServerFieldErrors(error);
    if (info.code === "UNAUTHORIZED") return say({ kind: "signed-out" });
    if (info.code === "TOO_MANY_REQUESTS") return say({ kind: "text", text: rateLimitMessage(info.retryAfterMs) });
    if (info.code === "SERVICE_UNAVAILABLE") {
      return say({
        kind: "text",
        text: "Tickets are briefly unavailable. Press Pay again in a few seconds — you won't be charged twice.",
      });
    }
    // The request may or may not have reached the server: keep the same key, so pressing Pay again is safe.
    return say({
      kind: "text",
      text: info.network
        ? "We couldn't reach Frontrow to confirm your payment. Check your connection and press Pay again — you won't be charged twice."
        : "Something went wrong while confirming your payment. Press Pay again — you won't be charged twice.",
    });
  }

  /** Puts the server's validation messages on the fields they name; returns the first such field. */
  private showServerFieldErrors(error: unknown): CardField | null {
    const info = describeError(error);
    const found: CardFormErrors = {};
    const leftover: string[] = [...info.formErrors];
    const put = (field: CardField | null, message: string) => {
      if (field && !found[field]) found[field] = message;
      else if (!field) leftover.push(message);
    };
    for (const [path, messages] of Object.entries(info.fieldErrors)) {
      const direct = cardFieldOfPath(path);
      for (const message of messages) put(direct ?? cardFieldOfMessage(message), message);
    }
    // Domain validation (e.g. "This card has expired") names its field in `data.field`.
    const field = error instanceof TRPCClientError ? (error.data as { field?: unknown } | null)?.field : undefined;
    if (typeof field === "string") put(cardFieldOfPath(field) ?? cardFieldOfMessage(info.message), info.message);
    const shown = Object.keys(found).length > 0;
    const text = leftover[0] ?? (shown ? null : "Please check your card details.");
    this.set({ ...(shown ? { errors: found } : {}), problem: text === null ? null : { kind: "text", text } });
    return CARD_FIELDS.find((key) => found[key]) ?? null;
  }
}
