import { useEffect, useEffectEvent, useId } from "react";
import { useNavigate } from "react-router";
import { Spinner } from "../components/spinner";
import { useNow } from "../lib/use-now";
import { formatPrice } from "./format-price";
import { seatPlace } from "./seat-label";
import type { SeatModel } from "./seat-model";
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

export interface HoldLine {
  key: string;
  text: string;
  cents: number;
}

/** The line items of a hold: each seat, and each general-admission section with its quantity. */
export function holdLines(
  model: SeatModel,
  hold: Pick<MyHold, "seatIds" | "seatIndexes" | "layoutVersion" | "sections">,
): HoldLine[] {
  const lines: HoldLine[] = [];
  for (const index of model.seatIndexesOf(hold)) {
    lines.push({ key: `seat-${index}`, text: seatPlace(model, index), cents: model.tierOfSeat(index)?.priceCents ?? 0 });
  }
  for (const { sectionId, quantity } of hold.sections) {
    const section = model.sections[model.sectionIndexOf(sectionId)];
    if (!section) continue;
    const each = model.tiers[section.tierIndex]?.priceCents ?? 0;
    lines.push({
      key: sectionId,
      text: `${sectionName(section.name)}, ${quantity} standing ${quantity === 1 ? "ticket" : "tickets"}`,
      cents: each * quantity,
    });
  }
  return lines;
}

export function ticketCount(hold: Pick<MyHold, "seatIds" | "sections">): number {
  return hold.seatIds.length + hold.sections.reduce((sum, section) => sum + section.quantity, 0);
}

/** One hold: the countdown, what is held with the total, and Release / Checkout. */
export function HoldCard({
  hold,
  model,
  currency,
  feeCents,
  releasing,
  clockOffsetMs,
  paused = false,
  onRelease,
  onExpired,
  onShow,
}: {
  hold: MyHold;
  model: SeatModel;
  currency: string;
  feeCents: number;
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

  const lines = holdLines(model, hold);
  const tickets = ticketCount(hold);
  const subtotal = lines.reduce((sum, line) => sum + line.cents, 0);
  const fees = feeCents * tickets;
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
            <span>{line.text}</span>
            <span className="line-items__price">{formatPrice(line.cents, currency)}</span>
          </li>
        ))}
      </ul>
      <dl className="totals">
        <div>
          <dt>
            {tickets} {tickets === 1 ? "ticket" : "tickets"}
          </dt>
          <dd>{formatPrice(subtotal, currency)}</dd>
        </div>
        {fees > 0 ? (
          <div>
            <dt>Fees</dt>
            <dd>{formatPrice(fees, currency)}</dd>
          </div>
        ) : null}
        <div className="totals__total">
          <dt>Total</dt>
          <dd>{formatPrice(subtotal + fees, currency)}</dd>
        </div>
      </dl>
      <div className="hold-card__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => navigate(`/checkout/${hold.holdId}`)}
          disabled={paused}
        >
          Checkout
        </button>
        {checkingOut ? null : (
          <button
            type="button"
            className="button button--secondary"
            onClick={onRelease}
            disabled={releasing}
            aria-busy={releasing}
            aria-describedby={`${id}-title`}
          >
            {releasing ? <Spinner /> : null}
            Release
          </button>
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
