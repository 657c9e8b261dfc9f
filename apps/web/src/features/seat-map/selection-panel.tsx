import { priceTotals } from "@frontrow/validators/plain";
import { useId, useState } from "react";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { SeatAttributeBadges } from "../../components/seat-attribute-badges";
import { BusyButton } from "../../components/busy-button";
import { CloseIcon } from "../../components/icons";
import { describeSeats } from "./describe-seats";
import { formatPrice } from "./format-price";
import { PriceTotals } from "./price-totals";
import { isWheelchairSpace, seatAttributes, seatPlace } from "./seat-label";
import type { SeatModel } from "./seat-model";

/** The seats picked on the map, the running total, the limit, and Hold seats / Clear. */
export function SelectionPanel({
  model,
  selected,
  currency,
  feeCents,
  limitLeft,
  perFanLimit,
  holding,
  canHold,
  onRemove,
  onHold,
  onClear,
}: {
  model: SeatModel;
  /** Seat indexes. */
  selected: readonly number[];
  currency: string;
  feeCents: number;
  /** How many more tickets this fan may hold (the limit minus what they hold already). */
  limitLeft: number;
  perFanLimit: number;
  holding: boolean;
  canHold: boolean;
  onRemove: (index: number) => void;
  onHold: () => void;
  onClear: () => void;
}) {
  const id = useId();
  const seats = selected.filter((index) => index >= 0 && index < model.count).map((index) => ({ index }));
  // What holding them will cost, by the rule the server prices holds with.
  const totals = priceTotals(
    seats.map(({ index }) => ({ quantity: 1, unitCents: model.tierOfSeat(index)?.priceCents ?? 0 })),
    feeCents,
  );
  const over = seats.length > limitLeft;
  const wheelchairSpaces = seats.filter(({ index }) => isWheelchairSpace(model, index)).map(({ index }) => index);
  const [confirming, setConfirming] = useState(false);
  const hold = () => {
    if (wheelchairSpaces.length > 0) setConfirming(true);
    else onHold();
  };

  return (
    <section id="selection-panel" className="card card--compact panel-card" aria-labelledby={`${id}-title`}>
      <div className="panel-card__heading">
        <h2 id={`${id}-title`} className="panel-card__title">
          Your selection
        </h2>
        <span className="panel-card__meta">
          up to {perFanLimit} {perFanLimit === 1 ? "ticket" : "tickets"}
        </span>
      </div>
      {seats.length === 0 ? (
        <p className="panel-card__empty">
          Pick seats on the map{limitLeft < perFanLimit ? ` (${Math.max(0, limitLeft)} more allowed)` : ""},
          or let us find the best ones for you below.
        </p>
      ) : (
        <>
          <ul className="line-items" aria-label="Selected seats">
            {seats.map(({ index }) => {
              const place = seatPlace(model, index);
              const attributes = seatAttributes(model, index);
              return (
                <li key={index} className="line-items__row">
                  <span>
                    {place} <span aria-hidden="true">—</span>
                    <span className="visually-hidden">,</span>{" "}
                    <span className="line-items__price">
                      {formatPrice(model.tierOfSeat(index)?.priceCents ?? 0, currency)}
                    </span>
                    {attributes.length > 0 ? <SeatAttributeBadges words={attributes} /> : null}
                  </span>
                  <button
                    type="button"
                    className="line-items__remove"
                    aria-label={`Remove ${place}`}
                    title="Remove"
                    onClick={() => onRemove(index)}
                  >
                    <CloseIcon />
                  </button>
                </li>
              );
            })}
          </ul>
          <PriceTotals totals={totals} currency={currency} />
          {over ? (
            <p className="warning-note" role="status">
              That's more than your limit of {perFanLimit}
              {limitLeft < perFanLimit ? ` (you already hold ${perFanLimit - limitLeft})` : ""}. Remove{" "}
              {seats.length - Math.max(0, limitLeft)} to continue.
            </p>
          ) : null}
        </>
      )}
      <div className="panel-card__actions">
        <BusyButton
          type="button"
          className="button button--primary"
          busy={holding}
          disabled={seats.length === 0 || over || !canHold}
          onClick={hold}
        >
          Hold seats
        </BusyButton>
        <button
          type="button"
          className="button button--secondary"
          disabled={seats.length === 0 || holding}
          onClick={onClear}
        >
          Clear
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={wheelchairSpaces.length === 1 ? "Hold a wheelchair space?" : "Hold wheelchair spaces?"}
        confirmLabel={wheelchairSpaces.length === 1 ? "Yes, hold the wheelchair space" : "Yes, hold the wheelchair spaces"}
        cancelLabel="Go back"
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          onHold();
        }}
      >
        <p>
          {describeSeats(model, wheelchairSpaces)} {wheelchairSpaces.length === 1 ? "is a wheelchair space" : "are wheelchair spaces"}:
          room for a wheelchair, with no fixed seat. They are kept for fans who use a wheelchair, so please hold
          one only if you or someone you are buying for needs it.
        </p>
      </ConfirmDialog>
    </section>
  );
}
