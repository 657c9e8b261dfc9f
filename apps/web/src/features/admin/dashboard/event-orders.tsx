import type { AppRouter } from "@frontrow/api";
import type { inferRouterOutputs } from "@trpc/server";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { QueryErrorState } from "../../../components/error-state";
import { OrderStatusBadge } from "../../../components/order-status-badge";
import { Spinner } from "../../../components/spinner";
import { SearchForm } from "../../../components/search-form";
import { ColumnHeads } from "../../../components/column-heads";
import { describeError, rateLimitMessage } from "../../../lib/errors";
import { formatEventDate, formatMoney } from "../../../lib/format";
import { plural } from "../../../lib/seat-words";
import { useDebouncedValue } from "../../../lib/use-debounced-value";
import { trpc } from "../../../trpc";
import { AdminSearchField } from "../admin-search-field";

type EventOrder = inferRouterOutputs<AppRouter>["admin"]["orders"]["list"][number];

/** What the organizer is told when a cancellation fails. */
function cancelErrorText(error: unknown): string {
  const info = describeError(error);
  if (info.network) return "We couldn't reach Frontrow. Check your connection and try again.";
  if (info.code === "TOO_MANY_REQUESTS") return rateLimitMessage(info.retryAfterMs);
  if (info.code === "NOT_FOUND") return "This order no longer exists. Reload the list and try again.";
  if (info.code === "FORBIDDEN" || info.code === "UNAUTHORIZED") return "Only an organizer can cancel orders. Sign in again as one.";
  return `We couldn't cancel this order: ${info.message}`;
}

/**
 * An event's orders on its dashboard: find one by its code or the fan, and cancel and fully refund it (whatever
 * the refund policy lets fans do themselves), after a confirmation.
 */
export function EventOrders({ eventId, timeZone }: { eventId: string; timeZone: string }) {
  const id = useId();
  const utils = trpc.useUtils();
  const [text, setText] = useState("");
  const q = useDebouncedValue(text.trim(), 300);
  const input = { eventId, ...(q ? { q } : {}) };
  const query = trpc.admin.orders.list.useQuery(input, { placeholderData: (previous) => previous });
  const cancel = trpc.admin.orders.cancel.useMutation();
  const [confirming, setConfirming] = useState<EventOrder | null>(null);
  const [cancelError, setCancelError] = useState<ReactNode>(null);
  const [announcement, setAnnouncement] = useState("");
  // The order whose new state takes the focus once the dialog has closed (its cancel button is gone with it).
  const focusOrder = useRef<string | null>(null);
  useEffect(() => {
    const orderId = focusOrder.current;
    if (!orderId) return;
    focusOrder.current = null;
    // After every commit, so after the dialog's own clean-up has given the focus back to its opener: this one stays.
    // While the closing dialog still holds the page inert (a frame or two on a busy machine) focus() does nothing,
    // so it is tried again on the next frames until it takes.
    let frames = 0;
    const focusState = () => {
      const element = document.getElementById(`${id}-state-${orderId}`);
      element?.focus();
      if (element && document.activeElement !== element && ++frames < 60) requestAnimationFrame(focusState);
    };
    focusState();
  });

  const close = () => {
    setConfirming(null);
    setCancelError(null);
  };

  const confirmCancel = async (order: EventOrder) => {
    if (cancel.isPending) return;
    setCancelError(null);
    try {
      const cancelled = await cancel.mutateAsync({ orderId: order.id });
      const refunded = formatMoney(cancelled.refundedCents ?? 0, cancelled.currency);
      utils.admin.orders.list.setData(input, (rows) =>
        rows?.map((row) =>
          row.id === order.id
            ? { ...row, status: cancelled.status, refundedCents: cancelled.refundedCents, cancelledAt: cancelled.cancelledAt }
            : row,
        ),
      );
      close();
      setAnnouncement(`Order ${order.code} cancelled; ${refunded} refunded to ${order.fan.name}.`);
      focusOrder.current = order.id;
      void utils.admin.orders.list.invalidate({ eventId });
      void utils.admin.audit.list.invalidate();
    } catch (error) {
      setCancelError(cancelErrorText(error));
    }
  };

  const rows = query.data;
  return (
    <section className="card card--compact dashboard-panel event-orders" aria-labelledby={`${id}-heading`}>
      <div className="dashboard-panel__header">
        <h2 id={`${id}-heading`} className="dashboard-panel__title">
          Orders
        </h2>
      </div>
      <SearchForm className="event-orders__search">
        <AdminSearchField
          label="Find an order"
          placeholder="Order code, fan name or email"
          value={text}
          onChange={setText}
        />
      </SearchForm>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="orders-announcement">
        {announcement}
      </p>
      {query.isPending ? (
        <Spinner label="Loading orders" />
      ) : query.isError ? (
        <QueryErrorState compact title="Couldn't load the orders" query={query} />
      ) : rows!.length === 0 ? (
        <p className="muted">{q ? `No order matches “${q}”.` : "No one has bought tickets for this event yet."}</p>
      ) : (
        <div className={`admin-table-wrap table-wrap${query.isFetching && query.isPlaceholderData ? " is-updating" : ""}`}>
          <table className="admin-table event-orders__table">
            <ColumnHeads columns={["Order", "Fan", "Places", "Paid", "Placed", "State"]} />
            <tbody>
              {rows!.map((order) => (
                <tr key={order.id} data-testid={`order-${order.code}`}>
                  <th scope="row" className="event-orders__code">
                    {order.code}
                  </th>
                  <td>
                    {order.fan.name}
                    <br />
                    <span className="muted">{order.fan.email}</span>
                  </td>
                  <td>
                    {plural(order.places.length, "ticket")}
                    <br />
                    <span className="muted">{order.places.join("; ")}</span>
                  </td>
                  <td>{formatMoney(order.totalCents, order.currency)}</td>
                  <td>
                    <time dateTime={order.createdAt.toISOString()}>{formatEventDate(order.createdAt, timeZone)}</time>
                  </td>
                  <td>
                    <div id={`${id}-state-${order.id}`} tabIndex={-1} className="event-orders__state">
                      <OrderStatusBadge status={order.status} />
                      {order.status === "cancelled" && order.refundedCents !== null ? (
                        <span className="muted"> Refunded {formatMoney(order.refundedCents, order.currency)}</span>
                      ) : null}
                    </div>
                    {order.status === "confirmed" ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={`Cancel and refund order ${order.code}`}
                        onClick={() => {
                          setCancelError(null);
                          setConfirming(order);
                        }}
                      >
                        Cancel and refund
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? `Cancel order ${confirming.code}?` : "Cancel this order?"}
        confirmLabel={cancel.isPending ? "Cancelling…" : "Cancel and refund"}
        cancelLabel="Keep the order"
        pending={cancel.isPending}
        error={cancelError}
        onConfirm={() => confirming && void confirmCancel(confirming)}
        onClose={close}
      >
        {confirming ? (
          <>
            <p>
              {confirming.fan.name}’s {plural(confirming.places.length, "ticket")} will stop working and{" "}
              {confirming.places.length === 1 ? "its place goes" : "their places go"} back on sale.{" "}
              {formatMoney(confirming.totalCents, confirming.currency)} will be refunded in full, fees included,
              whatever the event’s refund policy lets fans do themselves. The fan gets an email.
            </p>
            <p>This can’t be undone.</p>
          </>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
