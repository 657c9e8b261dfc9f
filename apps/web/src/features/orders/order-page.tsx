import { idSchema } from "@frontrow/validators";
import { useId, useState, type ReactNode } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { QueryErrorState } from "../../components/error-state";
import { OrderStatusBadge } from "../../components/order-status-badge";
import { RequireUser } from "../../components/require-user";
import { Spinner } from "../../components/spinner";
import { SummaryTotals } from "../../components/summary-totals";
import { CloseIcon, LineIcon } from "../../components/icons";
import { describeError, isNotFound, rateLimitMessage } from "../../lib/errors";
import { shortOrderCode } from "@frontrow/validators";
import { useNow } from "../../lib/use-now";
import { formatEventDate, formatLongDate, formatMoney, formatTime } from "../../lib/format";
import type { Order, OrderTicket } from "../../lib/order-types";
import { fanMayCancel, refundPolicyWords, selfRefundCents } from "../../lib/refund-policy";
import { plural } from "../../lib/seat-words";
import { trpc } from "../../trpc";
import { NotFoundPage } from "../../pages/not-found-page";
import { TransferPanel } from "../transfers/transfer-panel";
import { ResalePanel, useResaleOfOrder } from "../resale/resale-panel";
import { RotatingTicketCode } from "./rotating-ticket-code";
import "../checkout/checkout.css";

/** `/orders/:orderId` — one order: its tickets with QR codes, the payment, download and cancel. */
export function OrderPage() {
  const { orderId = "" } = useParams();
  return (
    <RequireUser loading={<OrderSkeleton />}>
      {() =>
        idSchema.safeParse(orderId).success ? (
          <OrderLoader key={orderId} orderId={orderId} />
        ) : (
          <OrderNotFound />
        )
      }
    </RequireUser>
  );
}

function OrderNotFound() {
  return (
    <NotFoundPage
      title="Order not found"
      message="This order doesn't exist, or it belongs to another account. Your orders are all listed in My orders."
    />
  );
}

function OrderLoader({ orderId }: { orderId: string }) {
  const query = trpc.orders.byId.useQuery({ orderId });
  if (query.isError) {
    if (isNotFound(query.error) || describeError(query.error).code === "BAD_REQUEST")
      return <OrderNotFound />;
    return (
      <div className="container page-pad">
        <title>Order · Frontrow</title>
        <QueryErrorState title="We couldn't load this order" query={query} />
      </div>
    );
  }
  if (query.isPending) return <OrderSkeleton />;
  return <OrderDetails order={query.data} />;
}

const PAYMENT_STATUS: Record<string, string> = {
  authorized: "Authorized",
  captured: "Paid",
  refunded: "Refunded",
  voided: "Voided",
};


function OrderDetails({ order }: { order: Order }) {
  const id = useId();
  const utils = trpc.useUtils();
  const [searchParams, setSearchParams] = useSearchParams();
  const cancel = trpc.orders.cancel.useMutation();
  const [dialogOpen, setDialogOpen] = useState(false);
  const [cancelError, setCancelError] = useState<ReactNode>(null);
  const [justCancelled, setJustCancelled] = useState(false);

  const confirmed = order.status === "confirmed";
  const resale = useResaleOfOrder(order.id, confirmed);
  const resoldIds = new Set(
    (resale.data?.listings ?? []).filter((listing) => listing.status === "sold").map((listing) => listing.ticketId),
  );
  const showBanner = confirmed && searchParams.get("confirmed") === "1";
  const validCount = order.tickets.filter((ticket) => ticket.status === "valid").length;
  const cardText = order.payment ? `card •••• ${order.payment.cardLast4}` : "your card";
  const now = useNow(60_000);
  const mayCancel = fanMayCancel(order.refundPolicy, now);
  const refundText = formatMoney(order.refundedCents ?? selfRefundCents(order.refundPolicy, order), order.currency);
  const policyWords = refundPolicyWords(order.refundPolicy, order.event.timezone, now);

  const dismissBanner = () => {
    const next = new URLSearchParams(searchParams);
    next.delete("confirmed");
    setSearchParams(next, { replace: true });
  };

  const confirmCancel = async () => {
    if (cancel.isPending) return;
    setCancelError(null);
    try {
      const cancelled = await cancel.mutateAsync({ orderId: order.id });
      utils.orders.byId.setData({ orderId: order.id }, cancelled);
      setDialogOpen(false);
      setJustCancelled(true);
      void utils.orders.list.invalidate();
      void utils.orders.byId.invalidate({ orderId: order.id });
      void utils.seats.map.invalidate({ eventId: order.eventId });
      void utils.events.byId.invalidate({ eventId: order.eventId });
    } catch (error) {
      const info = describeError(error);
      setCancelError(
        info.network
          ? "We couldn't reach Frontrow. Check your connection and try again."
          : info.code === "TOO_MANY_REQUESTS"
            ? rateLimitMessage(info.retryAfterMs)
            : info.domainCode === "CANCELLATION_NOT_ALLOWED"
              ? info.message
              : "We couldn't cancel this order. Please try again.",
      );
    }
  };

  return (
    <div className="order-page container">
      <title>{`${confirmed ? "Your tickets" : "Cancelled order"} · ${order.event.name} · Frontrow`}</title>

      <div className="order-page__notices" role="status" aria-live="polite">
        {showBanner ? (
          <div className="confirm-banner">
            <svg
              viewBox="0 0 24 24"
              width="28"
              height="28"
              aria-hidden="true"
              className="confirm-banner__icon"
            >
              <circle cx="12" cy="12" r="11" fill="currentColor" />
              <path
                d="M7 12.5l3.2 3.2L17 9"
                fill="none"
                stroke="#fff"
                strokeWidth="2.2"
                strokeLinecap="round"
              />
            </svg>
            <p className="confirm-banner__text">
              <strong>You're going!</strong> A confirmation email is on its way.
            </p>
            <button
              type="button"
              className="confirm-banner__close"
              onClick={dismissBanner}
              aria-label="Dismiss"
            >
              <CloseIcon />
            </button>
          </div>
        ) : null}
        {justCancelled ? (
          <div className="order-notice">
            Order cancelled. A refund of {refundText} to {cardText} is on
            its way, and your seats are back on sale.
          </div>
        ) : null}
      </div>

      <nav aria-label="Breadcrumb" className="order-page__crumbs">
        <Link to="/orders">All orders</Link>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">Order {shortOrderCode(order.id)}</span>
      </nav>

      <header className="order-head">
        <div className="order-head__text">
          <h1 className="order-head__title">
            <Link to={`/events/${order.event.id}`}>{order.event.name}</Link>
          </h1>
          <p className="order-head__performer">{order.event.performer}</p>
          <p className="order-head__facts">
            <span>
              <time dateTime={order.event.startsAt.toISOString()}>
                {formatLongDate(order.event.startsAt, order.event.timezone)} · {formatTime(order.event.startsAt, order.event.timezone)}
              </time>
            </span>
            <span>
              {order.event.venueName}, {order.event.venueCity}
            </span>
          </p>
        </div>
        <OrderStatusBadge status={order.status} />
      </header>

      <div className="order-layout">
        <section className="order-tickets" aria-labelledby={`${id}-tickets`}>
          <h2 id={`${id}-tickets`} className="order-section-title">
            {confirmed ? `Your tickets (${validCount})` : `Tickets (${order.tickets.length})`}
          </h2>
          {confirmed ? (
            <p className="order-section-lead">
              {order.tickets.some((ticket) => ticket.status === "valid" && ticket.qr === null)
                ? "Show the live QR code at the door, on this page: it changes every 30 seconds, so screenshots and printouts are not accepted for this event."
                : "Show the live QR code at the door, on this page (it changes every 30 seconds), or the printed ticket."}
            </p>
          ) : (
            <p className="order-section-lead">These tickets were cancelled and can no longer be used.</p>
          )}
          <ul className="ticket-grid">
            {order.tickets.map((ticket) => (
              <li key={ticket.id}>
                <TicketCard
                  ticket={ticket}
                  currency={order.currency}
                  timeZone={order.event.timezone}
                  voidWord={!confirmed ? "Cancelled" : resoldIds.has(ticket.id) ? "Resold" : "Transferred"}
                />
              </li>
            ))}
          </ul>
        </section>

        <aside className="order-side" aria-labelledby={`${id}-payment`}>
          <div className="card checkout-card">
            <h2 id={`${id}-payment`} className="checkout-card__title">
              Payment
            </h2>
            <SummaryTotals
              flush
              tickets={order.tickets.length}
              subtotalCents={order.subtotalCents}
              feesCents={order.feesCents}
              totalCents={order.totalCents}
              currency={order.currency}
            />
            <dl className="order-facts">
              {order.payment ? (
                <>
                  <div>
                    <dt>Card</dt>
                    <dd>
                      <span aria-hidden="true">•••• </span>
                      <span className="visually-hidden">ending in </span>
                      {order.payment.cardLast4}
                    </dd>
                  </div>
                  <div>
                    <dt>Payment</dt>
                    <dd>{PAYMENT_STATUS[order.payment.status] ?? order.payment.status}</dd>
                  </div>
                </>
              ) : null}
              <DateFact label="Ordered" at={order.createdAt} timeZone={order.event.timezone} />
              {order.cancelledAt ? (
                <DateFact label="Cancelled" at={order.cancelledAt} timeZone={order.event.timezone} />
              ) : null}
              <div>
                <dt>Order</dt>
                <dd className="order-facts__mono">{shortOrderCode(order.id)}</dd>
              </div>
            </dl>
            {confirmed ? (
              <div className="order-actions">
                <a
                  className="button button--primary button--block"
                  href={`/api/orders/${order.id}/tickets.pdf`}
                  download={`frontrow-tickets-${order.id.slice(0, 8)}.pdf`}
                >
                  <DownloadIcon />
                  Download tickets (PDF)
                </a>
                {mayCancel ? (
                <button
                  type="button"
                  className="button button--secondary button--block order-actions__cancel"
                  onClick={() => {
                    setCancelError(null);
                    setDialogOpen(true);
                  }}
                  // While the dialog asks, only its own "Cancel order" button is exposed.
                  aria-hidden={dialogOpen || undefined}
                  disabled={cancel.isPending}
                >
                  {cancel.isPending ? <Spinner /> : null}
                  Cancel order
                </button>
                ) : null}
              </div>
            ) : (
              <p className="order-cancelled-note">
                Refunded {refundText} to {cardText}.
              </p>
            )}
          </div>
          {confirmed ? (
            <p className="order-side__help" data-testid="refund-policy">
              {policyWords}
            </p>
          ) : null}
          {confirmed ? <TransferPanel order={order} /> : null}
          {confirmed ? <ResalePanel order={order} /> : null}
        </aside>
      </div>

      <ConfirmDialog
        open={dialogOpen}
        title="Cancel this order?"
        confirmLabel="Cancel order"
        cancelLabel="Keep my tickets"
        pending={cancel.isPending}
        error={cancelError}
        onConfirm={() => void confirmCancel()}
        onClose={() => setDialogOpen(false)}
      >
        <p>
          Your {plural(validCount, "ticket")} for <strong>{order.event.name}</strong> will stop working and
          the seats go back on sale. {refundText} will be refunded to{" "}
          {cardText}.
        </p>
        <p>This can't be undone.</p>
      </ConfirmDialog>
    </div>
  );
}

/**
 * `voidWord`: what a void ticket says: "Cancelled" (its order refunded), or, on a live order, "Transferred" (sent to
 * someone else) or "Resold" (bought by another fan): they hold a new one for the place.
 */
function TicketCard({
  ticket,
  currency,
  timeZone,
  voidWord,
}: {
  ticket: OrderTicket;
  currency: string;
  timeZone: string;
  voidWord: "Cancelled" | "Transferred" | "Resold";
}) {
  const cancelled = ticket.status === "void";
  return (
    <article
      className={`ticket-card${cancelled ? " ticket-card--void" : ""}`}
      aria-label={`Ticket ${ticket.code}`}
    >
      <div className="ticket-card__qr">
        {cancelled ? (
          <div className="qr qr--void" role="img" aria-label={`${voidWord} ticket ${ticket.code}: no QR code`}>
            <span>{voidWord}</span>
          </div>
        ) : ticket.rotatingKey ? (
          <RotatingTicketCode ticketKey={ticket.rotatingKey} label={`QR code for ticket ${ticket.code} (live: it changes every 30 seconds)`} />
        ) : null}
      </div>
      <div className="ticket-card__body">
        <p className="ticket-card__seat">{ticket.seat}</p>
        <p className="ticket-card__code">{ticket.code}</p>
        <p className="ticket-card__meta">
          {ticket.tierName} · {formatMoney(ticket.priceCents, currency)}
        </p>
        {cancelled ? (
          <span className="badge badge--neutral">{voidWord}</span>
        ) : ticket.admittedAt ? (
          <span className="badge badge--neutral">Used {formatTime(ticket.admittedAt, timeZone)}</span>
        ) : (
          <span className="badge badge--green">Valid</span>
        )}
      </div>
    </article>
  );
}

/** One line of the order's facts: when something happened, in the venue's time. */
function DateFact({ label, at, timeZone }: { label: string; at: Date; timeZone: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <time dateTime={at.toISOString()}>{formatEventDate(at, timeZone)}</time>
      </dd>
    </div>
  );
}

function DownloadIcon() {
  return (
    <LineIcon
      strokeWidth={1.7}
      strokeLinecap="round"
      strokeLinejoin="round"
      d="M8 2v8m0 0l-3-3m3 3l3-3M3 12.5V14h10v-1.5"
    />
  );
}

function OrderSkeleton() {
  return (
    <div className="order-page container" aria-busy="true">
      <title>Loading order · Frontrow</title>
      <p className="visually-hidden" role="status">
        Loading order
      </p>
      <div aria-hidden="true">
        <span className="skeleton skeleton--line" style={{ width: "20%" }} />
        <span className="skeleton skeleton--heading" style={{ width: "50%" }} />
        <span className="skeleton skeleton--line" style={{ width: "35%" }} />
        <div className="order-layout">
          <div className="ticket-grid">
            <span className="skeleton skeleton--block" style={{ height: 200 }} />
            <span className="skeleton skeleton--block" style={{ height: 200 }} />
          </div>
          <div className="card checkout-card">
            <span className="skeleton skeleton--title" style={{ width: "40%" }} />
            <span className="skeleton skeleton--block" style={{ height: 140 }} />
          </div>
        </div>
      </div>
    </div>
  );
}
