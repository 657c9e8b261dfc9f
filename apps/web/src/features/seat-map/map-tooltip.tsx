import type { MapPoint } from "./use-map-interaction";

/** The words for the seat or section under the mouse, beside the pointer (screen readers hear the focus). */
export function MapTooltip({ at, text, mapWidth }: { at: MapPoint; text: string; mapWidth: number }) {
  return (
    <div
      className="seat-canvas__tooltip"
      aria-hidden="true"
      style={{ left: at.x, top: at.y }}
      data-flip={at.x > mapWidth - 220 ? "left" : undefined}
    >
      {text}
    </div>
  );
}
