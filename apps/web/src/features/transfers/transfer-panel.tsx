import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { BusyButton } from "../../components/busy-button";
import { FormAlert } from "../../components/form-alert";
import { FormField } from "../../components/form-field";
import { formatEventDate } from "../../lib/format";
import type { Order } from "../../lib/order-types";
import { plural } from "../../lib/seat-words";
import { trpc } from "../../trpc";
import { TRANSFER_STATUS, transferErrorText, type Transfer } from "./transfer-words";
import "./transfers.css";

/**
 * On a confirmed order: send some of its tickets to another account by email, and the order's transfers with a
 * Cancel for each pending one. The fan's transfers come from `transfers.mine`.
 */
export function TransferPanel({ order }: { order: Order }) {
  const query = trpc.transfers.mine.useQuery(undefined, { staleTime: 5_000, refetchOnWindowFocus: true });
  const id = useId();
  if (query.isPending) {
    return (
      <section className="card transfer-panel" aria-busy="true" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="checkout-card__title">
          Transfer tickets
        </h2>
        <p role="status">Loading your transfers…</p>
      </section>
    );
  }
  if (query.isError) {
    return (
      <section className="card transfer-panel" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="checkout-card__title">
          Transfer tickets
        </h2>
        <FormAlert>{transferErrorText(query.error, "We couldn't load your transfers.")}</FormAlert>
        <button type="button" className="button button--secondary" onClick={() => void query.refetch()}>
          Try again
        </button>
      </section>
    );
  }
  const mine = query.data.outgoing.filter((transfer) => transfer.orderId === order.id);
  return <TransferForm order={order} transfers={mine} titleId={`${id}-title`} />;
}

function TransferForm({ order, transfers, titleId }: { order: Order; transfers: Transfer[]; titleId: string }) {
  const utils = trpc.useUtils();
  const send = trpc.transfers.send.useMutation();
  const [email, setEmail] = useState("");
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const pendingIds = new Set(
    transfers.filter((transfer) => transfer.status === "pending").flatMap((transfer) => transfer.tickets.map((t) => t.ticketId)),
  );
  const sendable = order.tickets.filter((ticket) => ticket.status === "valid" && !pendingIds.has(ticket.id));

  const refresh = () => {
    void utils.transfers.mine.invalidate();
    void utils.orders.byId.invalidate({ orderId: order.id });
    void utils.orders.list.invalidate();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (send.isPending) return;
    setError(null);
    setSentTo(null);
    const ticketIds = sendable.filter((ticket) => chosen.has(ticket.id)).map((ticket) => ticket.id);
    if (ticketIds.length === 0) return setError("Choose the tickets to send.");
    if (!email.trim()) return setError("Enter the email address of the person you're sending them to.");
    try {
      const transfer = await send.mutateAsync({ orderId: order.id, ticketIds, toEmail: email });
      setSentTo(transfer.toEmail);
      setChosen(new Set());
      setEmail("");
      refresh();
    } catch (caught) {
      setError(transferErrorText(caught, "We couldn't send these tickets. Please try again."));
    }
  };

  return (
    <section className="card transfer-panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="checkout-card__title">
        Transfer tickets
      </h2>
      <div role="status" aria-live="polite">
        {sentTo ? (
          <p className="order-notice">
            Sent to {sentTo}. Your tickets keep working until they accept; you can cancel until then.
          </p>
        ) : null}
      </div>
      {sendable.length === 0 ? (
        <p className="transfer-panel__lead">No tickets of this order can be sent right now.</p>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <fieldset className="transfer-panel__tickets" disabled={send.isPending}>
            <legend className="field__label">Tickets to send</legend>
            {sendable.map((ticket) => (
              <label key={ticket.id} className="transfer-panel__ticket">
                <input
                  type="checkbox"
                  name="ticketIds"
                  value={ticket.id}
                  checked={chosen.has(ticket.id)}
                  onChange={(event) => {
                    const next = new Set(chosen);
                    if (event.target.checked) next.add(ticket.id);
                    else next.delete(ticket.id);
                    setChosen(next);
                  }}
                />
                <span>
                  {ticket.seat} <span className="transfer-panel__code">{ticket.code}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <FormField
            label="Recipient's email"
            type="email"
            name="toEmail"
            autoComplete="email"
            value={email}
            disabled={send.isPending}
            hint="They accept with a Frontrow account on this address (or one they create). New tickets are issued to them and yours stop working."
            onChange={(event) => setEmail(event.target.value)}
          />
          <FormAlert>{error}</FormAlert>
          <BusyButton type="submit" className="button button--primary button--block" busy={send.isPending}>
            {chosen.size > 0 ? `Send ${plural(chosen.size, "ticket")}` : "Send tickets"}
          </BusyButton>
        </form>
      )}
      {transfers.length > 0 ? (
        <ul className="transfer-list" aria-label="Transfers of this order">
          {transfers.map((transfer) => (
            <OutgoingTransfer key={transfer.id} transfer={transfer} onChanged={refresh} />
          ))}
        </ul>
      ) : null}
      <p className="transfer-panel__lead">
        Tickets sent to you are in <Link to="/transfers">Incoming transfers</Link>.
      </p>
    </section>
  );
}

function OutgoingTransfer({ transfer, onChanged }: { transfer: Transfer; onChanged: () => void }) {
  const cancel = trpc.transfers.cancel.useMutation();
  const [error, setError] = useState<string | null>(null);
  return (
    <li className="transfer-list__item" data-testid="outgoing-transfer">
      <p>
        <strong>{plural(transfer.tickets.length, "ticket")}</strong> to {transfer.toEmail}:{" "}
        <span className="badge badge--neutral">{TRANSFER_STATUS[transfer.status]}</span>
      </p>
      <p className="transfer-panel__lead">{transfer.tickets.map((ticket) => ticket.seat).join("; ")}</p>
      {transfer.status === "pending" ? (
        <>
          <p className="transfer-panel__lead">
            Can be accepted until{" "}
            <time dateTime={transfer.closesAt.toISOString()}>{formatEventDate(transfer.closesAt, transfer.event.timezone)}</time>
          </p>
          <BusyButton
            type="button"
            className="button button--secondary"
            busy={cancel.isPending}
            onClick={() => {
              setError(null);
              cancel
                .mutateAsync({ transferId: transfer.id })
                .catch((caught: unknown) =>
                  setError(transferErrorText(caught, "We couldn't cancel this transfer. Please try again.")),
                )
                .finally(onChanged);
            }}
          >
            Cancel transfer
          </BusyButton>
          <FormAlert>{error}</FormAlert>
        </>
      ) : null}
    </li>
  );
}
