import { Link } from "react-router";
import { EmptyState } from "../../components/empty-state";
import { FanAccountPage } from "../../components/fan-account-page";
import { QueryErrorState } from "../../components/error-state";
import { OrderStatusBadge } from "../../components/order-status-badge";
import { formatEventDate, formatMoney, formatVenueDay } from "../../lib/format";
import type { OrderSummary } from "../../lib/order-types";
import { plural } from "../../lib/seat-words";
import { trpc } from "../../trpc";
import "../checkout/checkout.css";

/** `/orders` — the fan's orders, newest first. */
export function OrdersPage() {
  return (
    <FanAccountPage
      className="orders"
      title="My orders"
      lead="Your tickets, receipts and cancellations."
      loading={<OrdersSkeleton />}
    >
      {() => <OrdersList />}
    </FanAccountPage>
  );
}

function OrdersList() {
  const query = trpc.orders.list.useQuery(undefined, { staleTime: 10_000, refetchOnWindowFocus: true });
  if (query.isError) {
    return <QueryErrorState title="We couldn't load your orders" query={query} />;
  }
  if (query.isPending) return <OrdersSkeleton />;
  if (query.data.length === 0) {
    return (
      <EmptyState title="No orders yet">
        <p className="state__detail">When you buy tickets they'll show up here, with their QR codes.</p>
        <Link to="/" className="button button--primary">
          Browse events
        </Link>
      </EmptyState>
    );
  }
  const orders = [...query.data].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return (
    <ul className="order-list" aria-label="Orders">
      {orders.map((order) => (
        <li key={order.id}>
          <OrderRow order={order} />
        </li>
      ))}
    </ul>
  );
}


function OrderRow({ order }: { order: OrderSummary }) {
  const cancelled = order.status === "cancelled";
  const count = order.tickets.length;
  return (
    <article className={`order-row${cancelled ? " order-row--cancelled" : ""}`}>
      <div className="order-row__date" aria-hidden="true">
        <span className="order-row__month">
          {new Intl.DateTimeFormat(undefined, { month: "short", timeZone: order.event.timezone }).format(order.event.startsAt)}
        </span>
        <span className="order-row__day">
          {new Intl.DateTimeFormat(undefined, { day: "numeric", timeZone: order.event.timezone }).format(order.event.startsAt)}
        </span>
      </div>
      <div className="order-row__main">
        <h2 className="order-row__title">
          <Link to={`/orders/${order.id}`} className="order-row__link">
            {order.event.name}
          </Link>
        </h2>
        <p className="order-row__meta">
          <time dateTime={order.event.startsAt.toISOString()}>{formatEventDate(order.event.startsAt, order.event.timezone)}</time>
          <span aria-hidden="true"> · </span>
          <span>
            {order.event.venueName}, {order.event.venueCity}
          </span>
        </p>
        <p className="order-row__meta order-row__meta--quiet">
          {plural(count, "ticket")} · Ordered{" "}
          <time dateTime={order.createdAt.toISOString()}>{formatVenueDay(order.createdAt, order.event.timezone)}</time>
        </p>
      </div>
      <div className="order-row__side">
        <OrderStatusBadge status={order.status} />
        <span className="order-row__total">
          <span className="visually-hidden">Total </span>
          {formatMoney(order.totalCents, order.currency)}
        </span>
      </div>
    </article>
  );
}

function OrdersSkeleton() {
  return (
    <div aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading your orders
      </p>
      <ul className="order-list" aria-hidden="true">
        {[0, 1, 2].map((index) => (
          <li key={index}>
            <div className="order-row order-row--skeleton">
              <span className="order-row__date skeleton" />
              <div className="order-row__main">
                <span className="skeleton skeleton--title" style={{ width: `${60 - index * 8}%` }} />
                <span className="skeleton skeleton--line" style={{ width: "45%" }} />
                <span className="skeleton skeleton--line" style={{ width: "30%" }} />
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
