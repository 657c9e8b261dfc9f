import { MAP_COLORS } from "./render-seat-map";

export type SeatIconMark = "selected" | "mine" | "accessible" | "restricted" | "resale";

/** One little seat as the canvas draws it, as SVG, for legends. */
export function SeatIcon({ color, mark }: { color: string; mark?: SeatIconMark }) {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" className="legend__icon">
      {mark === "accessible" ? (
        <>
          <rect x="3" y="3" width="14" height="14" rx="4" fill={color} />
          <text x="10" y="14.5" textAnchor="middle" fontSize="11" fontWeight="700" fill="#fff">
            ♿
          </text>
        </>
      ) : (
        <circle cx="10" cy="10" r={mark === "selected" || mark === "resale" ? 5.5 : 7} fill={color} />
      )}
      {mark === "selected" ? (
        <circle cx="10" cy="10" r="8" fill="none" stroke={MAP_COLORS.ring} strokeWidth="2" />
      ) : null}
      {mark === "resale" ? (
        <circle cx="10" cy="10" r="7.8" fill="none" stroke={MAP_COLORS.resale} strokeWidth="2.4" />
      ) : null}
      {mark === "mine" ? (
        <path
          d="M6.6 10l2.3 2.4 4.5-4.8"
          fill="none"
          stroke="#fff"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      ) : null}
      {mark === "restricted" ? (
        <path d="M6.5 13.5l7-7" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
      ) : null}
    </svg>
  );
}
