import type { KeyboardEvent, ReactNode, RefObject } from "react";
import { MapTooltip } from "./map-tooltip";
import type { useMapInteraction } from "./use-map-interaction";

/**
 * The canvas of an interactive seat map and what surrounds it: the keyboard help the canvas points to, a polite
 * live region for the map's announcements, and the tooltip of the seat or section under the pointer.
 */
export function MapCanvasSurface({
  containerRef,
  canvasRef,
  map,
  label,
  testId,
  helpId,
  help,
  cursor,
  mapWidth,
  describeSeat,
  describeSection,
  onKeyDown = map.canvasHandlers.onKeyDown,
  announcerTestId,
  children,
}: {
  /** The refs `useMapFrame` paints through. */
  containerRef: RefObject<HTMLDivElement | null>;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  map: ReturnType<typeof useMapInteraction>;
  /** The canvas's accessible name. */
  label: string;
  testId: string;
  helpId: string;
  help: ReactNode;
  cursor: string;
  mapWidth: number;
  /** The tooltip's words for the seat or section under the pointer. */
  describeSeat: (index: number) => string;
  describeSection: (sectionIndex: number) => string;
  /** Keys the map handles before its own walk and zoom keys. */
  onKeyDown?: (event: KeyboardEvent<HTMLCanvasElement>) => void;
  announcerTestId?: string;
  /** Drawn over the canvas (an area-selection rectangle). */
  children?: ReactNode;
}) {
  const { hover } = map;
  const hoverText =
    hover && !map.dragging
      ? hover.target.kind === "seat"
        ? describeSeat(hover.target.index)
        : describeSection(hover.target.index)
      : null;
  return (
    <div ref={containerRef} className="seat-canvas">
      <canvas
        ref={canvasRef}
        className="seat-canvas__canvas"
        data-testid={testId}
        role="application"
        aria-label={label}
        aria-roledescription="interactive seat map"
        aria-describedby={helpId}
        tabIndex={0}
        style={{ cursor }}
        {...map.canvasHandlers}
        onKeyDown={onKeyDown}
      />
      {children}
      <p id={helpId} className="visually-hidden">
        {help}
      </p>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid={announcerTestId}>
        {map.announcement}
      </div>
      {hoverText && hover ? <MapTooltip at={hover} text={hoverText} mapWidth={mapWidth} /> : null}
    </div>
  );
}
