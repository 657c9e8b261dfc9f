import { randomUUID } from "node:crypto";
import type { AuthorizeResult, CardDetails, PaymentProvider } from "./payment-provider";

/** The test cards of API.md. Any other number that passes the Luhn check is approved. */
export const TEST_CARDS = {
  approved: "4242424242424242",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
} as const;

export interface TestPaymentProviderOptions {
  /** Simulated gateway latency per call, so load tests can model a real gateway. */
  latencyMs?: number;
}

const digitsOf = (card: CardDetails) => card.cardNumber.replace(/\D/g, "");

/** The built-in provider for development, tests and load tests. Stateless, so any instance can refund. */
export function createTestPaymentProvider(options: TestPaymentProviderOptions = {}): PaymentProvider {
  const latency = () =>
    options.latencyMs ? new Promise<void>((resolve) => setTimeout(resolve, options.latencyMs)) : Promise.resolve();
  return {
    name: "test",
    async authorize({ card }): Promise<AuthorizeResult> {
      await latency();
      const digits = digitsOf(card);
      if (digits === TEST_CARDS.declined) {
        return { ok: false, reason: "declined", message: "Your card was declined." };
      }
      if (digits === TEST_CARDS.insufficientFunds) {
        return { ok: false, reason: "insufficient_funds", message: "Your card has insufficient funds." };
      }
      return { ok: true, authorizationId: `test_auth_${randomUUID()}`, last4: digits.slice(-4) };
    },
    async capture() {
      await latency();
    },
    async void() {
      await latency();
    },
    async refund() {
      await latency();
    },
  };
}
