import type { AppRouter } from "@frontrow/api";
import type { inferRouterOutputs } from "@trpc/server";
import { useId, useState } from "react";
import { BusyButton } from "../../components/busy-button";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { FormAlert } from "../../components/form-alert";
import { formatMoney } from "../../lib/format";
import type { Order, OrderTicket } from "../../lib/order-types";
import { trpc } from "../../trpc";
import { transferErrorText } from "../transfers/transfer-words";
import "../transfers/transfers.css";

export type ResaleOfOrder = inferRouterOutputs<AppRouter>["resale"]["ofOrder"];
type Listing = ResaleOfOrder["listings"][number];

/** The resale of a fan's order, shared by the panel and the ticket cards (one query). */
export function useResaleOfOrder(orderId: string, enabled: boolean) {
  return trpc.resale.ofOrder.useQuery({ orderId }, { enabled, staleTime: 5_000, refetchOnWindowFocus: true });
}

/** What a listing says to its seller. */
export function listingWords(listing: Listing, currency: string): string {
  switch (listing.status) {
    case "listed":
      return "Listed for resale";
    case "sold":
      return listing.refundStatus === "refunded"
        ? `Sold — ${formatMoney(listing.refundCents, currency)} refunded`
        : `Sold — refund of ${formatMoney(listing.refundCents, currency)} on its way`;
    case "withdrawn":
      return "Withdrawn from resale";
    case "cancelled":
      return "Listing closed (order cancelled)";
  }
}

/**
 * On a confirmed order: each seated ticket the fan bought can be sold to another fan at face value (with a confirm
 * naming the price and what comes back), a listed one withdrawn, and a sold one says its refund is on its way.
 */
export function ResalePanel({ order }: { order: Order }) {
  const id = useId();
  const query = useResaleOfOrder(order.id, true);
  const title = (
    <h2 id={`${id}-title`} className="checkout-card__title">
      Sell at face value
    </h2>
  );
  if (query.isPending) {
    return (
      <section className="card transfer-panel" aria-busy="true" aria-labelledby={`${id}-title`}>
        {title}
        <p role="status">Loading resale…</p>
      </section>
    );
  }
  if (query.isError) {
    return (
      <section className="card transfer-panel" aria-labelledby={`${id}-title`}>
        {title}
        <FormAlert>{transferErrorText(query.error, "We couldn't load your resale listings.")}</FormAlert>
        <button type="button" className="button button--secondary" onClick={() => void query.refetch()}>
          Try again
        </button>
      </section>
    );
  }
  const resale = query.data;
  // The newest listing of each ticket says where it stands.
  const latest = new Map<string, Listing>();
  for (const listing of resale.listings) if (!latest.has(listing.ticketId)) latest.set(listing.ticketId, listing);
  const rows = order.tickets.filter(
    (ticket) => (ticket.status === "valid" && ticket.number !== null) || latest.get(ticket.id)?.status === "sold",
  );
  return (
    <section className="card transfer-panel" aria-labelledby={`${id}-title`} data-testid="resale-panel">
      {title}
      <p className="transfer-panel__lead">
        {!resale.rules.allowed
          ? "The organizer does not allow resale for this event."
          : !resale.rules.open
            ? "Resale for this event is closed."
            : `Can't go? Other fans can buy your tickets for what you paid. You get the price back${resale.rules.feesRefunded ? " and the booking fee" : " (not the booking fee)"} once the buyer's payment goes through. Until then your ticket keeps working.`}
      </p>
      {rows.length === 0 ? (
        <p className="transfer-panel__lead">No tickets of this order can be resold.</p>
      ) : (
        <ul className="transfer-list" aria-label="Tickets for resale">
          {rows.map((ticket) => (
            <ResaleRow
              key={ticket.id}
              order={order}
              ticket={ticket}
              listing={latest.get(ticket.id)}
              open={resale.rules.open}
              feesRefunded={resale.rules.feesRefunded}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ResaleRow({
  order,
  ticket,
  listing,
  open,
  feesRefunded,
}: {
  order: Order;
  ticket: OrderTicket;
  listing: Listing | undefined;
  open: boolean;
  feesRefunded: boolean;
}) {
  const utils = trpc.useUtils();
  const list = trpc.resale.list.useMutation();
  const withdraw = trpc.resale.withdraw.useMutation();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const feePerTicket = Math.floor(order.feesCents / Math.max(1, order.tickets.length));
  const refundCents = ticket.priceCents + (feesRefunded ? feePerTicket : 0);
  const refresh = () => {
    void utils.resale.ofOrder.invalidate({ orderId: order.id });
    void utils.orders.byId.invalidate({ orderId: order.id });
    void utils.transfers.mine.invalidate();
  };
  const isListed = listing?.status === "listed";
  const isSold = listing?.status === "sold";
  return (
    <li className="transfer-list__item" data-testid="resale-ticket">
      <p>
        <strong>{ticket.seat}</strong> · {formatMoney(ticket.priceCents, order.currency)}
      </p>
      {listing && (isListed || isSold) ? (
        <p role="status">
          <span className={`badge ${isSold ? "badge--green" : "badge--neutral"}`}>{listingWords(listing, order.currency)}</span>
        </p>
      ) : null}
      {isListed ? (
        <BusyButton
          type="button"
          className="button button--secondary"
          busy={withdraw.isPending}
          onClick={() => {
            setError(null);
            withdraw
              .mutateAsync({ listingId: listing.id })
              .catch((caught: unknown) => setError(transferErrorText(caught, "We couldn't withdraw this listing. Please try again.")))
              .finally(refresh);
          }}
        >
          Withdraw
        </BusyButton>
      ) : !isSold && open ? (
        <button type="button" className="button button--secondary" onClick={() => (setError(null), setConfirming(true))}>
          Sell at face value
        </button>
      ) : null}
      {confirming ? null : <FormAlert>{error}</FormAlert>}
      <ConfirmDialog
        open={confirming}
        title="Sell this ticket at face value?"
        confirmLabel={`List for ${formatMoney(ticket.priceCents, order.currency)}`}
        cancelLabel="Keep it"
        pending={list.isPending}
        error={error}
        onConfirm={() => {
          setError(null);
          list
            .mutateAsync({ orderId: order.id, ticketIds: [ticket.id] })
            .then(() => setConfirming(false))
            .catch((caught: unknown) => setError(transferErrorText(caught, "We couldn't list this ticket. Please try again.")))
            .finally(refresh);
        }}
        onClose={() => setConfirming(false)}
      >
        <p>
          <strong>{ticket.seat}</strong> goes on sale to other fans (the waiting list first) for{" "}
          {formatMoney(ticket.priceCents, order.currency)}, what you paid for it.
        </p>
        <p>
          When someone buys it, your ticket stops working and {formatMoney(refundCents, order.currency)} is refunded to
          your card{feesRefunded ? " (the price and the booking fee)" : " (the price; the organizer keeps the booking fee)"}.
          Until then it keeps working and you can withdraw it.
        </p>
      </ConfirmDialog>
    </li>
  );
}
