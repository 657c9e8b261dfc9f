import { formatMoney } from "../lib/format";
import { MAP_COLORS } from "./render-seat-map";
import type { TierInfo } from "./seat-model";

type Marker = "available" | "taken" | "selected" | "mine" | "accessible" | "restricted";

/** The same little seats the canvas draws, as SVG. */
function SeatIcon({ kind, color }: { kind: Marker; color?: string }) {
  const fill = kind === "taken" ? MAP_COLORS.taken : kind === "mine" ? MAP_COLORS.mine : (color ?? "#7c6cf0");
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" className="legend__icon">
      {kind === "accessible" ? (
        <>
          <rect x="3" y="3" width="14" height="14" rx="4" fill={fill} />
          <text x="10" y="14.5" textAnchor="middle" fontSize="11" fontWeight="700" fill="#fff">
            ♿
          </text>
        </>
      ) : (
        <circle cx="10" cy="10" r={kind === "selected" ? 5.5 : 7} fill={fill} />
      )}
      {kind === "selected" ? (
        <circle cx="10" cy="10" r="8" fill="none" stroke={MAP_COLORS.ring} strokeWidth="2" />
      ) : null}
      {kind === "mine" ? (
        <path
          d="M6.6 10l2.3 2.4 4.5-4.8"
          fill="none"
          stroke="#fff"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      ) : null}
      {kind === "restricted" ? (
        <path d="M6.5 13.5l7-7" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
      ) : null}
    </svg>
  );
}

/** Price tiers with their colours, then what each kind of seat looks like. */
export function SeatMapLegend({ tiers, currency }: { tiers: readonly TierInfo[]; currency: string }) {
  const sorted = [...tiers].sort((a, b) => b.priceCents - a.priceCents);
  const sample = sorted[0]?.color;
  return (
    <div className="legend">
      <h2 className="visually-hidden">Legend</h2>
      <ul className="legend__list" aria-label="Prices">
        {sorted.map((tier) => (
          <li key={tier.id} className="legend__item">
            <SeatIcon kind="available" color={tier.color} />
            <span>
              {tier.name} <strong>{formatMoney(tier.priceCents, currency)}</strong>
            </span>
          </li>
        ))}
      </ul>
      <ul className="legend__list legend__list--kinds" aria-label="Seat markers">
        <li className="legend__item">
          <SeatIcon kind="available" color={sample} />
          Available
        </li>
        <li className="legend__item">
          <SeatIcon kind="taken" />
          Taken
        </li>
        <li className="legend__item">
          <SeatIcon kind="selected" color={sample} />
          Selected
        </li>
        <li className="legend__item">
          <SeatIcon kind="mine" />
          Your seats
        </li>
        <li className="legend__item">
          <SeatIcon kind="accessible" color={sample} />
          Accessible
        </li>
        <li className="legend__item">
          <SeatIcon kind="restricted" color={sample} />
          Restricted view
        </li>
      </ul>
    </div>
  );
}
