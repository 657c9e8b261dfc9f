import { sectionLabel } from "@frontrow/validators/plain";
import { useId, useState } from "react";
import { Link } from "react-router";
import { Countdown } from "../../components/countdown";
import { FormAlert } from "../../components/form-alert";
import { SelectField } from "../../components/form-field";
import { describeError } from "../../lib/errors";
import type { EventDetail } from "../../lib/types";
import { useSession } from "../../lib/use-session";
import { trpc } from "../../trpc";
import { joinErrorMessage, lastOfferSentence, offerSentence, positionSentence } from "./waiting-list-words";

/**
 * The waiting list of a sold-out event, in the event page's ticket panel: the form to join it, then the fan's
 * place (pushed live), and an offer with the time left to pay and a link to checkout when seats come back.
 */
export function WaitingListPanel({ event, soldOut }: { event: EventDetail; soldOut: boolean }) {
  const { user, isLoading } = useSession();
  if (!event.waitingList || isLoading) return null;
  if (event.status === "cancelled" || event.status === "ended") return null;
  if (!user) {
    if (!soldOut) return null;
    return (
      <p className="ticket-panel__note waiting-list">
        <Link to={`/signin?next=${encodeURIComponent(`/events/${event.id}`)}`}>Sign in</Link> to join the waiting list:
        seats that come back are offered to fans in the order they joined.
      </p>
    );
  }
  return <SignedInWaitingList event={event} soldOut={soldOut} />;
}

function SignedInWaitingList({ event, soldOut }: { event: EventDetail; soldOut: boolean }) {
  const id = useId();
  const eventId = event.id;
  const utils = trpc.useUtils();
  const status = trpc.waitingList.status.useQuery({ eventId });
  trpc.waitingList.onStatus.useSubscription(
    { eventId },
    { onData: (next) => utils.waitingList.status.setData({ eventId }, next) },
  );
  const save = { onSuccess: (next: NonNullable<typeof status.data>) => utils.waitingList.status.setData({ eventId }, next) };
  const join = trpc.waitingList.join.useMutation(save);
  const leave = trpc.waitingList.leave.useMutation(save);
  const [quantity, setQuantity] = useState(Math.min(2, event.perFanLimit));
  const [sectionId, setSectionId] = useState("");
  const [tierId, setTierId] = useState("");
  const data = status.data;
  if (!data) return null;
  const entry = data.entry;
  const sectionName = (wanted: string | null) => {
    const section = event.sections.find((one) => one.id === wanted);
    return section ? sectionLabel(section.name) : null;
  };
  const failure = join.error ?? leave.error;
  const leaveButton = (label: string) => (
    <button
      type="button"
      className="button button--ghost button--block"
      disabled={leave.isPending}
      onClick={() => leave.mutate({ eventId })}
    >
      {label}
    </button>
  );
  const failureText = failure ? joinErrorMessage(describeError(failure).domainCode, describeError(failure).message) : null;

  if (entry?.offer) {
    return (
      <section className="waiting-list waiting-list--offer" aria-labelledby={`${id}-offer`} data-testid="waiting-list-offer">
        <h3 id={`${id}-offer`}>Your seats from the waiting list</h3>
        <p role="status">{offerSentence(entry.quantity)}</p>
        <Countdown target={entry.offer.expiresAt} label="Time left to pay" onDone={() => void status.refetch()} />
        <Link to={`/checkout/${entry.offer.holdId}`} className="button button--primary button--block">
          Pay for your tickets
        </Link>
        {leaveButton("Give them up")}
        <FormAlert>{failureText}</FormAlert>
      </section>
    );
  }

  if (entry) {
    return (
      <section className="waiting-list" aria-labelledby={`${id}-place`} data-testid="waiting-list-place">
        <h3 id={`${id}-place`}>Waiting list</h3>
        <p role="status" aria-live="polite">
          {positionSentence(
            entry.position ?? 1,
            entry.quantity,
            [sectionName(entry.sectionId), event.priceTiers.find((tier) => tier.id === entry.tierId)?.name]
              .filter(Boolean)
              .join(", ") || null,
          )}
        </p>
        <p className="ticket-panel__note">
          When seats that fit come back, they are held for you and you have {event.waitingList!.offerMinutes} minutes to
          pay. We'll tell you here and by email.
        </p>
        {leaveButton("Leave the waiting list")}
        <FormAlert>{failureText}</FormAlert>
      </section>
    );
  }

  const ended = lastOfferSentence(data.lastOfferEnded);
  if (!soldOut) return ended ? <p className="ticket-panel__note">{ended}</p> : null;
  return (
    <form
      className="waiting-list"
      aria-labelledby={`${id}-join`}
      data-testid="waiting-list-join"
      onSubmit={(submit) => {
        submit.preventDefault();
        join.mutate({ eventId, quantity, sectionId: sectionId || null, tierId: tierId || null });
      }}
    >
      <h3 id={`${id}-join`}>Waiting list</h3>
      {ended ? <p className="ticket-panel__note">{ended}</p> : null}
      <p className="ticket-panel__note">
        {data.waiting === 0
          ? "Nobody is waiting yet."
          : `${data.waiting} ${data.waiting === 1 ? "fan is" : "fans are"} waiting.`}{" "}
        Seats that come back are offered in the order fans joined; a group gets its seats together or not at all.
      </p>
      <SelectField inline label="Tickets" value={quantity} onChange={(change) => setQuantity(Number(change.target.value))}>
        {Array.from({ length: event.perFanLimit }, (_, i) => i + 1).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </SelectField>
      <SelectField inline label="Section" value={sectionId} onChange={(change) => setSectionId(change.target.value)}>
        <option value="">Any section</option>
        {event.sections.map((section) => (
          <option key={section.id} value={section.id}>
            {sectionLabel(section.name)}
          </option>
        ))}
      </SelectField>
      {event.priceTiers.length > 1 ? (
        <SelectField inline label="Price" value={tierId} onChange={(change) => setTierId(change.target.value)}>
          <option value="">Any price</option>
          {event.priceTiers.map((tier) => (
            <option key={tier.id} value={tier.id}>
              {tier.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <button type="submit" className="button button--primary button--block" disabled={join.isPending}>
        Join the waiting list
      </button>
      <FormAlert>{failureText}</FormAlert>
    </form>
  );
}
