import { formatVenueFullDateTime, shortOrderCode } from "@frontrow/validators";
import type { Order } from "../orders/get-order";

const money = (cents: number, currency: string) =>
  (cents / 100).toLocaleString("en-US", { style: "currency", currency });

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** "Sunday, December 27, 2026 at 7:30 PM EST": the venue's clock, as on the site and the PDF ticket. */
function when(order: Order) {
  return formatVenueFullDateTime(order.event.startsAt, order.event.timezone, "en-US");
}

export function confirmationEmail(order: Order, name: string) {
  const lines = order.tickets.map((ticket) => `${ticket.seat} — ${ticket.code}`);
  const subject = `Your tickets for ${order.event.name}`;
  const text = [
    `Hi ${name},`,
    "",
    `You're going to ${order.event.name} (${order.event.performer})`,
    `${when(order)} at ${order.event.venueName}, ${order.event.venueCity}.`,
    "",
    ...lines,
    "",
    `Total paid: ${money(order.totalCents, order.currency)}`,
    `Order ${shortOrderCode(order.id)}`,
    "",
    "Your tickets are attached as a PDF: show the QR code at the door.",
  ].join("\n");
  const html = `<p>Hi ${escape(name)},</p>
<p>You're going to <strong>${escape(order.event.name)}</strong> (${escape(order.event.performer)})<br>
${escape(when(order))} at ${escape(order.event.venueName)}, ${escape(order.event.venueCity)}.</p>
<ul>${order.tickets.map((t) => `<li>${escape(t.seat)} — <code>${escape(t.code)}</code></li>`).join("")}</ul>
<p>Total paid: <strong>${money(order.totalCents, order.currency)}</strong><br>Order ${shortOrderCode(order.id)}</p>
<p>Your tickets are attached as a PDF: show the QR code at the door.</p>`;
  return { subject, text, html };
}

export function cancellationEmail(order: Order, name: string) {
  const subject = `Order cancelled: ${order.event.name}`;
  const text = `Hi ${name},\n\nYour order ${shortOrderCode(order.id)} for ${order.event.name} was cancelled and ${money(order.totalCents, order.currency)} was refunded to your card. Its tickets are no longer valid.\n`;
  const html = `<p>Hi ${escape(name)},</p><p>Your order ${shortOrderCode(order.id)} for <strong>${escape(order.event.name)}</strong> was cancelled and ${money(order.totalCents, order.currency)} was refunded to your card. Its tickets are no longer valid.</p>`;
  return { subject, text, html };
}
