export interface CardDetails {
  cardNumber: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  name: string;
}

export type AuthorizeResult =
  | { ok: true; authorizationId: string; last4: string }
  | { ok: false; reason: "declined" | "insufficient_funds"; message: string };

/**
 * Where a real gateway plugs in. Authorize reserves the amount on the card; capture takes it after the sale is
 * committed; void drops an authorization that was never captured; refund returns a captured charge.
 */
export interface PaymentProvider {
  readonly name: string;
  authorize(input: { amountCents: number; currency: string; card: CardDetails; reference: string }): Promise<AuthorizeResult>;
  capture(authorizationId: string): Promise<void>;
  void(authorizationId: string): Promise<void>;
  refund(authorizationId: string, amountCents: number): Promise<void>;
}
