import type { MapView } from "./map-view";
import { MapCanvasSurface } from "./map-canvas-surface";
import { decorationKeyOf, renderSeatMap, type SeatMapDecorations } from "./render-seat-map";
import type { SeatModel } from "./seat-model";
import { useMapFrame } from "./use-map-frame";
import { firstAvailableSeat } from "./keyboard-navigation";
import { useMapInteraction } from "./use-map-interaction";

export interface SeatMapCanvasProps {
  model: SeatModel;
  view: MapView;
  selected: ReadonlySet<number>;
  mine: ReadonlySet<number>;
  activeSection: number;
  /** Announced when the keyboard focus lands on a seat, and shown on hover. */
  describeSeat: (index: number) => string;
  describeSection: (sectionIndex: number) => string;
  /** Toggle a seat; returns what to announce, if anything. */
  onSeatActivate: (index: number) => string | void;
  onSectionActivate: (sectionIndex: number) => string | void;
}

/**
 * The seat map canvas: draws with requestAnimationFrame only when the model, the camera or the decorations
 * change; wheel / drag / pinch to move; keyboard to walk from seat to seat with an announced focus.
 */
export function SeatMapCanvas(props: SeatMapCanvasProps) {
  const { model, view } = props;
  const map = useMapInteraction({
    model,
    view,
    onActivate: (target) =>
      target.kind === "seat" ? props.onSeatActivate(target.index) : props.onSectionActivate(target.index),
    describeFocus: props.describeSeat,
    preferStartingSeat: (index) => model.isAvailable(index),
    firstSeat: () => firstAvailableSeat(model, props.activeSection),
    describeEntry: (first) =>
      first >= 0
        ? `Seat map. ${props.describeSeat(first)}: the first arrow key starts here. Arrow keys move between seats, Enter or Space selects.`
        : "Seat map. No seats are available right now.",
  });
  const { hover } = map;

  const decorations: SeatMapDecorations = {
    selected: props.selected,
    mine: props.mine,
    activeSection: props.activeSection,
    focus: map.focusSeat,
    showFocus: map.keyboardMode,
    hoverSeat: hover?.target.kind === "seat" ? hover.target.index : -1,
    hoverSection: hover?.target.kind === "section" ? hover.target.index : -1,
  };
  const { containerRef, canvasRef } = useMapFrame(
    model,
    view,
    ({ ctx, dpr, detail }) =>
      renderSeatMap(ctx, { model, viewport: view.viewport, size: view.size, dpr, detail, decorations }),
    // The page re-renders as counts change; the canvas repaints for that on its own (model.subscribe).
    decorationKeyOf(decorations),
  );

  return (
    <MapCanvasSurface
      containerRef={containerRef}
      canvasRef={canvasRef}
      map={map}
      label="Seat map"
      testId="seat-map-canvas"
      announcerTestId="seat-map-announcer"
      helpId="seat-map-help"
      help={
        <>
          Arrow keys move between seats, Enter or Space selects the focused seat, Home and End jump to the
          ends of a row, plus and minus zoom, 0 resets the view, Shift with arrow keys moves the map. The list
          view offers the same seats as buttons.
        </>
      }
      cursor={map.dragging ? "grabbing" : hover ? "pointer" : "grab"}
      mapWidth={view.size.width}
      describeSeat={props.describeSeat}
      describeSection={props.describeSection}
    />
  );
}
