import { expect, test } from "@playwright/test";
import { mutate } from "./organizer";
import { expectSignedIn, query, signUpFan, type EventSummary } from "./support";

/**
 * A fan sends one of two tickets to a second fan, who accepts in a second browser: the sender's ticket then reads
 * "Transferred", the recipient sees a new ticket with its QR code, and the sender's pending-transfer state is gone.
 */
test("a transfer accepted in a second browser", async ({ browser }) => {
  test.setTimeout(90_000);
  const senderContext = await browser.newContext();
  const recipientContext = await browser.newContext();
  await signUpFan(senderContext, "Sender");
  const recipientEmail = await signUpFan(recipientContext, "Recipient");

  // Two tickets bought through the API on an on-sale event without a waiting room.
  // Not the Glass Menagerie: checkout.spec.ts cancels seats there and waits for them to show on sale again, and
  // a best-available hold from this flow (the flows run in parallel) could take them first.
  const { items } = await query<{ items: EventSummary[] }>(senderContext, "events.list", { q: "midnight run" });
  const event = items.find((item) => item.status === "on_sale" && !item.waitingRoom);
  expect(event, "an on-sale event without a waiting room matching 'midnight run'").toBeTruthy();
  const hold = await mutate<{ holdId: string }>(senderContext, "holds.create", { eventId: event!.id, best: { quantity: 2 } });
  const { order } = await mutate<{ order: { id: string; tickets: Array<{ seat: string; code: string }> } }>(
    senderContext,
    "checkout.complete",
    {
      holdId: hold.holdId,
      idempotencyKey: `e2e-transfer-${Date.now()}`,
      payment: { cardNumber: "4242424242424242", expMonth: 12, expYear: 2099, cvc: "123", name: "Sender" },
    },
  );
  const [sent, kept] = order.tickets;

  // The sender picks one ticket, types the recipient's email and sends, all from the keyboard-reachable form.
  const sender = await senderContext.newPage();
  await sender.goto(`/orders/${order.id}`);
  await expectSignedIn(sender, "Sender");
  const panel = sender.getByRole("region", { name: "Transfer tickets" });
  await panel.getByRole("checkbox", { name: new RegExp(sent!.code) }).check();
  await panel.getByLabel("Recipient's email").fill(recipientEmail);
  await panel.getByRole("button", { name: "Send 1 ticket" }).click();
  await expect(panel.getByText(`Sent to ${recipientEmail}`)).toBeVisible();
  await expect(panel.getByTestId("outgoing-transfer")).toContainText("Waiting for the recipient");
  await expect(panel.getByRole("button", { name: "Cancel transfer" })).toBeVisible();

  // The recipient, in a second browser, accepts.
  const recipient = await recipientContext.newPage();
  await recipient.goto("/transfers");
  await expectSignedIn(recipient, "Recipient");
  const incoming = recipient.getByTestId("incoming-transfer");
  await expect(incoming).toContainText(sent!.seat);
  await incoming.getByRole("button", { name: "Accept 1 ticket" }).click();
  await expect(incoming).toContainText("Accepted");
  await expect(incoming.getByRole("img", { name: /QR code for ticket FR-/ })).toBeVisible();
  await expect(incoming.getByText(sent!.code)).toHaveCount(0);

  // The sender's page, reloaded, shows the sent ticket transferred and the other still valid.
  await sender.reload();
  await expect(sender.getByRole("article", { name: `Ticket ${sent!.code}` })).toContainText("Transferred");
  await expect(sender.getByRole("article", { name: `Ticket ${kept!.code}` })).toContainText("Valid");
  await expect(sender.getByTestId("outgoing-transfer")).toContainText("Accepted");
  await expect(sender.getByRole("button", { name: "Cancel transfer" })).toHaveCount(0);

  await senderContext.close();
  await recipientContext.close();
});
