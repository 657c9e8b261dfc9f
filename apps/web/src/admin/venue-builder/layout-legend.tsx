import { MAP_COLORS } from "../../seat-map/render-seat-map";
import { LAYOUT_SEAT_COLOR } from "../layout-model";

export type LegendItem = "seat" | "blocked" | "accessible" | "companion" | "restricted" | "selected" | "new";

/** Seat colours when the editor colours seats by their marks (the fans' map shows them as in "seat"). */
export const MARK_COLORS = {
  seat: LAYOUT_SEAT_COLOR,
  accessible: "#2563eb",
  companion: "#0d9488",
  restricted: "#d97706",
  new: "#16a34a",
} as const;

const LABELS: Record<LegendItem, string> = {
  seat: "Seat",
  blocked: "Blocked (never for sale)",
  accessible: "Accessible",
  companion: "Companion seat",
  restricted: "Restricted view",
  selected: "Selected",
  new: "New section",
};

/** The same little seats the canvas draws, as SVG. */
function LegendIcon({ item, byMark }: { item: LegendItem; byMark: boolean }) {
  const color =
    item === "blocked"
      ? MAP_COLORS.taken
      : item === "new"
        ? MARK_COLORS.new
        : byMark && (item === "accessible" || item === "companion" || item === "restricted")
          ? MARK_COLORS[item]
          : MARK_COLORS.seat;
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" className="legend__icon">
      {item === "accessible" ? (
        <>
          <rect x="3" y="3" width="14" height="14" rx="4" fill={color} />
          <text x="10" y="14.5" textAnchor="middle" fontSize="11" fontWeight="700" fill="#fff">
            ♿
          </text>
        </>
      ) : (
        <circle cx="10" cy="10" r={item === "selected" ? 5.5 : 7} fill={color} />
      )}
      {item === "selected" ? (
        <circle cx="10" cy="10" r="8" fill="none" stroke={MAP_COLORS.ring} strokeWidth="2" />
      ) : null}
      {item === "restricted" ? (
        <path d="M6.5 13.5l7-7" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
      ) : null}
    </svg>
  );
}

/** What each kind of seat looks like on the layout. */
export function LayoutLegend({ items, byMark = false }: { items: readonly LegendItem[]; byMark?: boolean }) {
  return (
    <ul className="legend__list layout-legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item} className="legend__item">
          <LegendIcon item={item} byMark={byMark} />
          {LABELS[item]}
          {item === "companion" && !byMark ? (
            <span className="muted"> (not marked on the fans' map)</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
