import { formatMoney } from "../../lib/format";
import { DEFAULT_SEAT_COLOR, MAP_COLORS } from "./render-seat-map";
import { SeatIcon } from "./seat-icon";
import type { TierInfo } from "./seat-model";

/** Price tiers with their colours, then what each kind of seat looks like. */
export function SeatMapLegend({ tiers, currency }: { tiers: readonly TierInfo[]; currency: string }) {
  const sorted = [...tiers].sort((a, b) => b.priceCents - a.priceCents);
  const sample = sorted[0]?.color ?? DEFAULT_SEAT_COLOR;
  return (
    <div className="legend">
      <h2 className="visually-hidden">Legend</h2>
      <ul className="legend__list" aria-label="Prices">
        {sorted.map((tier) => (
          <li key={tier.id} className="legend__item">
            <SeatIcon color={tier.color} />
            <span>
              {tier.name} <strong>{formatMoney(tier.priceCents, currency)}</strong>
            </span>
          </li>
        ))}
      </ul>
      <ul className="legend__list legend__list--kinds" aria-label="Seat markers">
        <li className="legend__item">
          <SeatIcon color={sample} />
          Available
        </li>
        <li className="legend__item">
          <SeatIcon color={sample} mark="resale" />
          Resale · face value
        </li>
        <li className="legend__item">
          <SeatIcon color={MAP_COLORS.taken} />
          Taken
        </li>
        <li className="legend__item">
          <SeatIcon color={sample} mark="selected" />
          Selected
        </li>
        <li className="legend__item">
          <SeatIcon color={MAP_COLORS.mine} mark="mine" />
          Your seats
        </li>
        <li className="legend__item">
          <SeatIcon color={sample} mark="accessible" />
          Accessible
        </li>
        <li className="legend__item">
          <SeatIcon color={sample} mark="restricted" />
          Restricted view
        </li>
      </ul>
    </div>
  );
}
