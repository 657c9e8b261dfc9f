import { DEFAULT_SEAT_COLOR, MAP_COLORS } from "../../seat-map/render-seat-map";
import { SeatIcon } from "../../seat-map/seat-icon";

export type LegendItem = "seat" | "blocked" | "accessible" | "companion" | "restricted" | "selected" | "new";

/** Seat colours when the editor colours seats by their marks (the fans' map shows them as in "seat"). */
export const MARK_COLORS = {
  seat: DEFAULT_SEAT_COLOR,
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

function legendIcon(item: LegendItem, byMark: boolean) {
  const markedItem = item === "accessible" || item === "companion" || item === "restricted";
  const color =
    item === "blocked"
      ? MAP_COLORS.taken
      : item === "new"
        ? MARK_COLORS.new
        : byMark && markedItem
          ? MARK_COLORS[item]
          : MARK_COLORS.seat;
  const mark = item === "selected" || item === "accessible" || item === "restricted" ? item : undefined;
  return <SeatIcon color={color} mark={mark} />;
}

/** What each kind of seat looks like on the layout. */
export function LayoutLegend({ items, byMark = false }: { items: readonly LegendItem[]; byMark?: boolean }) {
  return (
    <ul className="legend__list layout-legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item} className="legend__item">
          {legendIcon(item, byMark)}
          {LABELS[item]}
          {item === "companion" && !byMark ? (
            <span className="muted"> (not marked on the fans' map)</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
