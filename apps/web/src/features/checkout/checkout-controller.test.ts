import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { CheckoutController } from "./checkout-controller";

function refusal(domainCode: string | null, code = "CONFLICT", data: Record<string, unknown> = {}) {
  return TRPCClientError.from({
    error: { message: "Your card was declined: insufficient funds", code: -32009, data: { code, httpStatus: 409, domainCode, ...data } },
  });
}

/** A checkout whose server answers each payment with the next of `answers` (an order id, or an error). */
function harness(answers: Array<string | Error>) {
  const sent: Array<{ idempotencyKey: string; cardNumber: string }> = [];
  const events: string[] = [];
  let keys = 0;
  const controller = new CheckoutController<{ id: string }>("hold-1", {
    async pay(input) {
      sent.push({ idempotencyKey: input.idempotencyKey, cardNumber: input.payment.cardNumber });
      const answer = answers.shift();
      if (answer instanceof Error) throw answer;
      return { order: { id: answer ?? "order-1" } };
    },
    paid: (order) => void events.push(`paid ${order.id}`),
    holdsChanged: (reason) => void events.push(`holds changed: ${reason}`),
    newKey: () => `key-${++keys}`,
  });
  const fill = (cardNumber = "4242 4242 4242 4242") => {
    controller.setField("cardNumber", cardNumber);
    controller.setField("expiry", "12/30");
    controller.setField("cvc", "123");
    controller.setField("name", "Alex Fan");
  };
  return { controller, sent, events, fill };
}

describe("CheckoutController", () => {
  it("checks the form before sending anything, and names the first field to fix", async () => {
    const { controller, sent } = harness([]);
    controller.setField("cardNumber", "4242");
    expect(await controller.submit()).toBe("cardNumber");
    expect(sent).toEqual([]);
    expect(controller.getState().errors).toMatchObject({ expiry: "Enter the expiry date" });
    // From now on a fix is checked as it is typed.
    controller.setField("expiry", "12/30");
    expect(controller.getState().errors.expiry).toBeUndefined();
  });

  it("sends the same key when the same card is sent again, and a new key for another card", async () => {
    const { controller, sent, events, fill } = harness([new TRPCClientError("fetch failed"), refusal("PAYMENT_DECLINED"), "order-9"]);
    fill();
    await controller.submit();
    expect(controller.getState().problem).toMatchObject({ kind: "text", text: expect.stringMatching(/^We couldn't reach Frontrow/) });
    await controller.submit();
    expect(controller.getState().problem).toEqual({ kind: "declined", message: "Your card was declined: insufficient funds" });
    fill("5555 5555 5555 4444");
    await controller.submit();
    expect(sent.map((payment) => payment.idempotencyKey)).toEqual(["key-1", "key-1", "key-2"]);
    expect(events).toEqual(["paid order-9"]);
    expect(controller.getState()).toMatchObject({ paid: true, paying: false, problem: null });
  });

  it("asks to pay again shortly, under the same key, while the server cannot reach its database", async () => {
    const unavailable = refusal(null, "SERVICE_UNAVAILABLE", { httpStatus: 503 });
    const { controller, sent, events, fill } = harness([unavailable, "order-3"]);
    fill();
    await controller.submit();
    expect(controller.getState().problem).toMatchObject({ kind: "text", text: expect.stringMatching(/^Tickets are briefly unavailable/) });
    await controller.submit();
    expect(sent.map((payment) => payment.idempotencyKey)).toEqual(["key-1", "key-1"]);
    expect(events).toEqual(["paid order-3"]);
  });

  it("never sends a second payment while one is on its way", async () => {
    const { controller, sent, fill } = harness(["order-1"]);
    fill();
    await Promise.all([controller.submit(), controller.submit()]);
    expect(sent).toHaveLength(1);
  });

  it("stops the checkout when the hold ran out or a seat was sold, and says why", async () => {
    const expired = harness([refusal("HOLD_EXPIRED")]);
    expired.fill();
    await expired.controller.submit();
    expect(expired.controller.getState().blocker).toBe("expired");
    const sold = harness([refusal("SEAT_UNAVAILABLE")]);
    sold.fill();
    await sold.controller.submit();
    expect(sold.controller.getState().blocker).toBe("unavailable");
    expect([...expired.events, ...sold.events]).toEqual(["holds changed: expired", "holds changed: unavailable"]);
  });

  it("puts the server's field messages on the field they name", async () => {
    const { controller, fill } = harness([refusal(null, "BAD_REQUEST", { field: "payment.expYear" })]);
    fill();
    expect(await controller.submit()).toBe("expiry");
    expect(controller.getState().errors).toEqual({ expiry: "Your card was declined: insufficient funds" });
  });

  it("a key reused with other details starts a new attempt", async () => {
    const { controller, sent, fill } = harness([refusal("IDEMPOTENCY_KEY_REUSED"), "order-2"]);
    fill();
    await controller.submit();
    await controller.submit();
    expect(sent.map((payment) => payment.idempotencyKey)).toEqual(["key-1", "key-2"]);
  });

  it("shows a new total against the first one seen, and nothing once it is back", () => {
    const { controller } = harness([]);
    controller.seeTotal(8_500);
    controller.seeTotal(9_000);
    controller.seeTotal(9_500);
    expect(controller.getState().priceChange).toEqual({ from: 8_500, to: 9_500 });
    controller.seeTotal(8_500);
    expect(controller.getState().priceChange).toBeNull();
  });

  it("fills a test card without flagging fields the fan has not touched", () => {
    const { controller } = harness([]);
    controller.fillTestCard("4000 0000 0000 0002");
    expect(controller.getState().values).toMatchObject({ cardNumber: "4000 0000 0000 0002", expiry: "12/30", cvc: "123", name: "" });
    expect(controller.getState().errors).toEqual({});
  });
});
