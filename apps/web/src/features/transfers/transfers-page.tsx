import { useState } from "react";
import { Link } from "react-router";
import { BusyButton } from "../../components/busy-button";
import { EmptyState } from "../../components/empty-state";
import { FanAccountPage } from "../../components/fan-account-page";
import { QueryErrorState } from "../../components/error-state";
import { FormAlert } from "../../components/form-alert";
import { RotatingTicketCode } from "../orders/rotating-ticket-code";
import { formatEventDate } from "../../lib/format";
import { plural } from "../../lib/seat-words";
import { trpc } from "../../trpc";
import { TRANSFER_STATUS, transferErrorText, type Transfer } from "./transfer-words";
import "../checkout/checkout.css";
import "./transfers.css";

/** `/transfers` — tickets other fans sent to this account: accept or decline them; accepted ones with QR codes. */
export function TransfersPage() {
  return (
    <FanAccountPage
      className="transfers-page"
      title="Incoming transfers"
      lead="Tickets sent to your email address by other fans."
      loading={<TransfersLoading />}
    >
      {() => <IncomingList />}
    </FanAccountPage>
  );
}

function TransfersLoading() {
  return (
    <div aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading transfers
      </p>
      <span className="skeleton skeleton--block" style={{ height: 120 }} aria-hidden="true" />
    </div>
  );
}

function IncomingList() {
  const query = trpc.transfers.mine.useQuery(undefined, { staleTime: 5_000, refetchOnWindowFocus: true });
  if (query.isError) return <QueryErrorState title="We couldn't load your transfers" query={query} />;
  if (query.isPending) return <TransfersLoading />;
  if (query.data.incoming.length === 0) {
    return (
      <EmptyState title="No tickets sent to you yet">
        <p className="state__detail">When someone sends you tickets, they show up here for you to accept.</p>
        <Link to="/orders" className="button button--secondary">
          My orders
        </Link>
      </EmptyState>
    );
  }
  return (
    <ul className="transfer-list" aria-label="Incoming transfers">
      {query.data.incoming.map((transfer) => (
        <IncomingTransfer key={transfer.id} transfer={transfer} />
      ))}
    </ul>
  );
}

function IncomingTransfer({ transfer }: { transfer: Transfer }) {
  const utils = trpc.useUtils();
  const accept = trpc.transfers.accept.useMutation();
  const decline = trpc.transfers.decline.useMutation();
  const [error, setError] = useState<string | null>(null);
  const busy = accept.isPending || decline.isPending;
  const act = async (run: () => Promise<unknown>, fallback: string) => {
    if (busy) return;
    setError(null);
    try {
      await run();
    } catch (caught) {
      setError(transferErrorText(caught, fallback));
    }
    void utils.transfers.mine.invalidate();
  };
  return (
    <li className="card transfer-list__item" data-testid="incoming-transfer">
      <h2 className="checkout-card__title">
        <Link to={`/events/${transfer.event.id}`}>{transfer.event.name}</Link>
      </h2>
      <p>
        <time dateTime={transfer.event.startsAt.toISOString()}>
          {formatEventDate(transfer.event.startsAt, transfer.event.timezone)}
        </time>{" "}
        · {transfer.event.venueName}
      </p>
      <p>
        {transfer.from.name} ({transfer.from.email}) sent you {plural(transfer.tickets.length, "ticket")}:{" "}
        <span className="badge badge--neutral">{TRANSFER_STATUS[transfer.status]}</span>
      </p>
      {transfer.status === "accepted" ? (
        <ul className="ticket-grid">
          {transfer.tickets.map((ticket) => (
            <li key={ticket.ticketId}>
              <article className="ticket-card" aria-label={`Ticket ${ticket.code ?? ticket.seat}`}>
                <div className="ticket-card__qr">
                  {ticket.rotatingKey ? (
                    <RotatingTicketCode
                      ticketKey={ticket.rotatingKey}
                      label={`QR code for ticket ${ticket.code} (live: it changes every 30 seconds)`}
                    />
                  ) : (
                    <div className="qr qr--void" role="img" aria-label="No longer valid: no QR code">
                      <span>Void</span>
                    </div>
                  )}
                </div>
                <div className="ticket-card__body">
                  <p className="ticket-card__seat">{ticket.seat}</p>
                  {ticket.code ? <p className="ticket-card__code">{ticket.code}</p> : null}
                </div>
              </article>
            </li>
          ))}
        </ul>
      ) : (
        <p className="transfer-panel__lead">{transfer.tickets.map((ticket) => ticket.seat).join("; ")}</p>
      )}
      {transfer.status === "pending" ? (
        <>
          <p className="transfer-panel__lead">
            Accept before{" "}
            <time dateTime={transfer.closesAt.toISOString()}>{formatEventDate(transfer.closesAt, transfer.event.timezone)}</time>.
            The tickets count toward your limit for this event.
          </p>
          <div className="transfer-list__actions">
            <BusyButton
              type="button"
              className="button button--primary"
              busy={accept.isPending}
              disabled={busy}
              onClick={() =>
                void act(() => accept.mutateAsync({ transferId: transfer.id }), "We couldn't accept these tickets. Please try again.")
              }
            >
              Accept {plural(transfer.tickets.length, "ticket")}
            </BusyButton>
            <BusyButton
              type="button"
              className="button button--secondary"
              busy={decline.isPending}
              disabled={busy}
              onClick={() =>
                void act(() => decline.mutateAsync({ transferId: transfer.id }), "We couldn't decline. Please try again.")
              }
            >
              Decline
            </BusyButton>
          </div>
        </>
      ) : null}
      <FormAlert>{error}</FormAlert>
    </li>
  );
}
