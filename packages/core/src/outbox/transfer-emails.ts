import { formatVenueFullDateTime } from "@frontrow/validators";

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The recipient's mail for a ticket transfer: who sent what, and how to accept it. */
export function transferEmail(transfer: {
  fromName: string;
  ticketCount: number;
  eventName: string;
  startsAt: Date;
  venueName: string;
  timezone: string;
  toEmail: string;
}) {
  const tickets = transfer.ticketCount === 1 ? "1 ticket" : `${transfer.ticketCount} tickets`;
  const when = formatVenueFullDateTime(transfer.startsAt, transfer.timezone, "en-US");
  const subject = `${transfer.fromName} sent you ${tickets} for ${transfer.eventName}`;
  const how = `To accept, sign in to Frontrow with ${transfer.toEmail} (or create an account with this address) and open Incoming transfers under My orders.`;
  const text = [
    "Hi,",
    "",
    `${transfer.fromName} sent you ${tickets} for ${transfer.eventName}, ${when} at ${transfer.venueName}.`,
    "",
    how,
    "Once you accept, new tickets are issued to you and the sender's tickets stop working.",
  ].join("\n");
  const html = `<p>Hi,</p>
<p>${escape(transfer.fromName)} sent you ${tickets} for <strong>${escape(transfer.eventName)}</strong>, ${escape(when)} at ${escape(transfer.venueName)}.</p>
<p>${escape(how)}</p>
<p>Once you accept, new tickets are issued to you and the sender's tickets stop working.</p>`;
  return { subject, text, html };
}
