import { useEffect, useEffectEvent, useId } from "react";
import { useNavigate } from "react-router";
import { BusyButton } from "../../components/busy-button";
import { useNow } from "../../lib/use-now";
import { formatPrice } from "./format-price";
import { PriceTotals } from "./price-totals";
import { sectionName } from "./section-name";
import type { MyHold } from "./types";

/** "9:41" (or "1:02:03" for holds of an hour or more). */
function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** A line of the hold's price as the card shows it: "Section 101, row A, seat 3"; "Floor, 2 standing tickets". */
function lineText(line: MyHold["price"]["lines"][number]): string {
  if (line.seatId !== null) return line.label;
  return `${sectionName(line.label)}, ${line.quantity} standing ${line.quantity === 1 ? "ticket" : "tickets"}`;
}

/** One hold: the countdown, what is held with the total, and Release / Checkout. */
export function HoldCard({
  hold,
  releasing,
  clockOffsetMs,
  paused = false,
  onRelease,
  onExpired,
  onShow,
}: {
  hold: MyHold;
  releasing: boolean;
  /** Server clock minus ours, so the countdown ends when the server releases the seats. */
  clockOffsetMs: number;
  /** Sales are paused: the timer stands still (the server gives the pause's length back on resume). */
  paused?: boolean;
  onRelease: () => void;
  onExpired: () => void;
  onShow?: () => void;
}) {
  const id = useId();
  const navigate = useNavigate();
  const now = useNow(1000);
  const remaining = hold.expiresAt.getTime() - (now.getTime() + clockOffsetMs);
  const checkingOut = hold.status === "checkout";
  const expired = !checkingOut && !paused && remaining <= 0;
  const expire = useEffectEvent(() => onExpired());
  useEffect(() => {
    if (expired) expire();
  }, [expired]);

  // Priced by the server, as checkout will charge it.
  const { lines, tickets, currency } = hold.price;
  const urgent = !paused && remaining < 60_000;

  return (
    <section className={`hold-card${urgent ? " hold-card--urgent" : ""}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="hold-card__title">
        {checkingOut ? (
          "Checking out…"
        ) : paused ? (
          "Sales are paused: your seats are kept"
        ) : (
          <>
            Your {tickets === 1 ? "seat is" : "seats are"} held for{" "}
            <span className="hold-card__clock" role="timer" aria-live="off">
              {clock(remaining)}
            </span>
          </>
        )}
      </h3>
      {!checkingOut && urgent ? (
        <p className="visually-hidden" role="status">
          Less than a minute left to check out.
        </p>
      ) : null}
      <ul className="line-items">
        {lines.map((line) => (
          <li key={line.key} className="line-items__row">
            <span>{lineText(line)}</span>
            <span className="line-items__price">{formatPrice(line.unitCents * line.quantity, currency)}</span>
          </li>
        ))}
      </ul>
      <PriceTotals totals={hold.price} currency={currency} />
      <div className="hold-card__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void navigate(`/checkout/${hold.holdId}`)}
          disabled={paused}
        >
          Checkout
        </button>
        {checkingOut ? null : (
          <BusyButton
            type="button"
            className="button button--secondary"
            busy={releasing}
            onClick={onRelease}
            aria-describedby={`${id}-title`}
          >
            Release
          </BusyButton>
        )}
        {onShow && hold.seatIds.length > 0 ? (
          <button type="button" className="button button--ghost button--small" onClick={onShow}>
            Show on map
          </button>
        ) : null}
      </div>
    </section>
  );
}
