import { schema, type Database } from "@frontrow/db";
import { and, eq } from "drizzle-orm";
import type { Clock } from "../clock";
import type { PaymentProvider } from "./payment-provider";

/**
 * Captures an authorized payment whose sale committed, once: the row is claimed (authorized → captured) before
 * the provider is asked, so the checkout and the outbox worker never both capture it.
 */
export async function capturePayment(
  deps: { db: Database; clock: Clock; payments: PaymentProvider },
  authorizationId: string,
): Promise<boolean> {
  const { payments } = schema;
  return deps.db.transaction(async (tx) => {
    const claimed = await tx
      .update(payments)
      .set({ status: "captured", updatedAt: deps.clock.now() })
      .where(and(eq(payments.providerRef, authorizationId), eq(payments.status, "authorized")))
      .returning({ id: payments.id });
    if (claimed.length === 0) return false;
    // Inside the transaction: if the provider fails, the payment stays authorized and is retried.
    await deps.payments.capture(authorizationId);
    return true;
  });
}
