import { useEffect, useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import { formatCount } from "../../lib/format";
import type { MapTarget } from "../seat-map/hit-test";
import { MapControls } from "../seat-map/map-controls";
import { MapCanvasSurface } from "../seat-map/map-canvas-surface";
import { MapView } from "../seat-map/map-view";
import { MAP_COLORS, renderSeatMap, type SeatStatusColors } from "../seat-map/render-seat-map";
import { seatPlace } from "../seat-map/seat-label";
import { FLAG_ACCESSIBLE, FLAG_COMPANION, FLAG_RESTRICTED, type SeatModel } from "../seat-map/seat-model";
import { sectionName } from "../seat-map/section-name";
import { useMapFrame } from "../seat-map/use-map-frame";
import { useMapInteraction, type MapPoint } from "../seat-map/use-map-interaction";
import { screenToWorld } from "../seat-map/viewport";
import "./layout-canvas.css";

/**
 * A venue layout drawn exactly as fans see it (the fans' renderer, camera, zoom, pan and keyboard walk), with
 * optional seat selection for organizers.
 *
 * - `model`: what to draw, with each seat's status and colour. Build it with `layoutModel(venueLayout)` from
 *   `./layout-model`, or `SeatModel.fromSnapshot(seats.map snapshot)` for an event. Memoize it: a new model re-centres.
 * - `selected` / `onSelectionChange`: the selected seat ids. Without `onSelectionChange` the map only shows.
 *   Click or Enter toggles a seat; R toggles the focused seat's row and S its section; Shift+drag (or the
 *   "Select area" tool) adds every seat in a rectangle, Alt+Shift+drag takes them out; Escape clears.
 * - `onSectionActivate`: a click on a general-admission area (or on any section while zoomed out, which
 *   otherwise zooms into it).
 * - `activeSectionId`: a section to outline (e.g. the standing area being edited).
 * - `height`: CSS height of the map (default 480px).
 * - `describeSeat`: words for a seat in the tooltip and announcements (default: where it is, its status and marks).
 * - `statusColors`: paint held, sold and blocked seats apart (default: all grey, as fans see them).
 */
export interface LayoutCanvasProps {
  model: SeatModel;
  selected?: ReadonlySet<string>;
  onSelectionChange?: (next: Set<string>) => void;
  onSectionActivate?: (sectionId: string) => void;
  activeSectionId?: string | null;
  height?: number | string;
  /** The map's accessible name. */
  label?: string;
  describeSeat?: (index: number) => string;
  statusColors?: SeatStatusColors;
}

const NOTHING_SELECTED: ReadonlySet<string> = new Set();

const plural = (count: number, one: string, many = `${one}s`) =>
  `${formatCount(count)} ${count === 1 ? one : many}`;

/** "Section 101, row A, seat 3, blocked, accessible". */
export function describeLayoutSeat(model: SeatModel, index: number): string {
  const parts = [seatPlace(model, index)];
  const status = model.statusOf(index);
  if (status !== "available") parts.push(status);
  const flags = model.flags[index] ?? 0;
  if (flags & FLAG_ACCESSIBLE) parts.push("accessible");
  if (flags & FLAG_COMPANION) parts.push("companion seat");
  if (flags & FLAG_RESTRICTED) parts.push("restricted view");
  return parts.join(", ");
}

/** Seats whose centre lies in a rectangle of map units. */
function seatsInRect(model: SeatModel, a: MapPoint, b: MapPoint): number[] {
  const rect = {
    minX: Math.min(a.x, b.x),
    minY: Math.min(a.y, b.y),
    maxX: Math.max(a.x, b.x),
    maxY: Math.max(a.y, b.y),
  };
  const found: number[] = [];
  model.grid.forEachNear(rect, (i) => {
    const x = model.xs[i]!;
    const y = model.ys[i]!;
    if (x >= rect.minX && x <= rect.maxX && y >= rect.minY && y <= rect.maxY) found.push(i);
  });
  return found;
}

export function LayoutCanvas(props: LayoutCanvasProps) {
  const { model, onSelectionChange, onSectionActivate } = props;
  const selectedIds = props.selected ?? NOTHING_SELECTED;
  const selectable = Boolean(onSelectionChange);
  const describe = props.describeSeat ?? ((index: number) => describeLayoutSeat(model, index));
  const helpId = useId();

  const [view] = useState(() => new MapView(model.bounds, model.pitch));
  const areaRef = useRef<HTMLDivElement>(null);
  /** Whether the area being drawn takes seats out (Alt held when it started). */
  const subtractRef = useRef(false);
  const [areaTool, setAreaTool] = useState(false);

  const selectedIndexes = useMemo(() => {
    const indexes = new Set<number>();
    for (const id of selectedIds) {
      const index = model.indexOf(id);
      if (index >= 0) indexes.add(index);
    }
    return indexes;
  }, [model, selectedIds]);
  const activeSection = props.activeSectionId ? model.sectionIndexOf(props.activeSectionId) : -1;
  const describeWithSelection = (index: number) =>
    `${describe(index)}${selectedIndexes.has(index) ? ", selected" : ""}`;

  useEffect(() => {
    view.setContent(model.bounds, model.pitch);
  }, [model, view]);

  // ----- selection -----

  const selectedCount = selectedIndexes.size;
  const countWords = (count: number) => `${plural(count, "seat")} selected.`;

  /** Adds the seats, or takes them out when every one is already selected (or `remove` says so). */
  const applySeats = (
    indexes: readonly number[],
    mode: "toggle" | "add" | "remove",
  ): { added: boolean; total: number } => {
    const next = new Set(selectedIds);
    const ids = indexes.flatMap((i) => model.ids?.[i] ?? []);
    const remove =
      mode === "remove" || (mode === "toggle" && ids.length > 0 && ids.every((id) => next.has(id)));
    for (const id of ids) {
      if (remove) next.delete(id);
      else next.add(id);
    }
    onSelectionChange?.(next);
    return { added: !remove, total: next.size };
  };

  const toggleSeat = (index: number): string => {
    if (!selectable) return describe(index);
    const { added, total } = applySeats([index], "toggle");
    return `${added ? "Selected" : "Removed"} ${seatPlace(model, index)}. ${countWords(total)}`;
  };

  const rowSelection = (index: number): string | undefined => {
    const section = model.sectionOfSeat(index);
    const row = section?.rows.find((candidate) => candidate.name === model.rowNameOf(index));
    if (!section || !row) return;
    const { added, total } = applySeats(row.seats, "toggle");
    return `${added ? "Selected" : "Removed"} row ${row.name} of ${sectionName(section.name)}, ${plural(row.seats.length, "seat")}. ${countWords(total)}`;
  };

  const sectionSelection = (index: number): string | undefined => {
    const section = model.sectionOfSeat(index);
    if (!section) return;
    const seats = section.rows.flatMap((row) => row.seats);
    const { added, total } = applySeats(seats, "toggle");
    return `${added ? "Selected" : "Removed"} ${sectionName(section.name)}, ${plural(seats.length, "seat")}. ${countWords(total)}`;
  };

  const activateSection = (sectionIndex: number): string | undefined => {
    const section = model.sections[sectionIndex];
    if (!section) return;
    if (onSectionActivate && (section.kind === "general_admission" || view.detail() === "overview")) {
      onSectionActivate(section.id);
      if (section.kind === "general_admission") return;
    }
    if (section.kind === "reserved" && section.bounds) {
      view.showRect(section.bounds);
      return `Showing ${sectionName(section.name)}, ${plural(section.seatCount, "seat")}.`;
    }
  };

  const drawArea = (a: MapPoint | null, b?: MapPoint) => {
    const area = areaRef.current;
    if (!area) return;
    if (!a || !b) {
      area.hidden = true;
      return;
    }
    area.hidden = false;
    area.style.left = `${Math.min(a.x, b.x)}px`;
    area.style.top = `${Math.min(a.y, b.y)}px`;
    area.style.width = `${Math.abs(a.x - b.x)}px`;
    area.style.height = `${Math.abs(a.y - b.y)}px`;
    area.dataset.subtract = subtractRef.current ? "true" : "false";
  };

  const map = useMapInteraction({
    model,
    view,
    onActivate: (target: NonNullable<MapTarget>) =>
      target.kind === "seat" ? toggleSeat(target.index) : activateSection(target.index),
    describeFocus: describeWithSelection,
    area: selectable
      ? {
          startsOn: (event) => {
            subtractRef.current = event.altKey;
            return event.shiftKey || areaTool;
          },
          onDraw: drawArea,
          onEnd: (from, to) => {
            const subtract = subtractRef.current;
            const seats = seatsInRect(
              model,
              screenToWorld(view.viewport, from.x, from.y),
              screenToWorld(view.viewport, to.x, to.y),
            );
            const { total } = applySeats(seats, subtract ? "remove" : "add");
            map.announce(
              `${subtract ? "Removed" : "Added"} ${plural(seats.length, "seat")} in the area. ${countWords(total)}`,
            );
          },
        }
      : undefined,
  });
  const { hover, focusSeat, announce } = map;

  const selectRow = (index: number) => {
    const message = rowSelection(index);
    if (message) announce(message);
  };
  const selectSection = (index: number) => {
    const message = sectionSelection(index);
    if (message) announce(message);
  };
  /** A toolbar button doing what its key does on the map, to the focused seat. */
  const focusedSeatTool = (label: string, key: string, select: (index: number) => void) => (
    <button
      type="button"
      className="button button--secondary button--small"
      disabled={focusSeat < 0}
      title={`${key} on the map`}
      onClick={() => select(focusSeat)}
    >
      {label}
    </button>
  );
  const clearSelection = () => {
    if (selectedIds.size === 0) return;
    onSelectionChange?.(new Set());
    announce("Selection cleared.");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const plainKey = !(event.metaKey || event.ctrlKey || event.altKey);
    const key = event.key.toLowerCase();
    if (selectable && plainKey && (key === "r" || key === "s")) {
      event.preventDefault();
      map.showKeyboardFocus();
      if (focusSeat < 0) map.moveFocus(map.startingSeat());
      else if (key === "r") selectRow(focusSeat);
      else selectSection(focusSeat);
      return;
    }
    if (selectable && plainKey && event.key === "Escape" && selectedIds.size > 0) {
      event.preventDefault();
      clearSelection();
    }
    map.canvasHandlers.onKeyDown(event);
  };

  const { containerRef, canvasRef } = useMapFrame(model, view, ({ ctx, dpr, detail }) => {
    // Zoomed out, the fans' map marks each selected seat with a haloed dot: fine for a fan's few seats, a white
    // smear over a selected section of thousands. Organizers get a tint instead (drawn after the map).
    const overview = detail === "overview";
    renderSeatMap(ctx, {
      model,
      viewport: view.viewport,
      size: view.size,
      dpr,
      detail,
      statusColors: props.statusColors,
      decorations: {
        selected: overview ? NO_SEATS : selectedIndexes,
        mine: NO_SEATS,
        activeSection,
        focus: focusSeat,
        showFocus: map.keyboardMode,
        hoverSeat: hover?.target.kind === "seat" ? hover.target.index : -1,
        hoverSection: hover?.target.kind === "section" ? hover.target.index : -1,
      },
    });
    if (overview) tintSelection(ctx, model, view, dpr, selectedIndexes);
  });

  const cursor = map.dragging
    ? map.dragging === "area"
      ? "crosshair"
      : "grabbing"
    : areaTool
      ? "crosshair"
      : hover
        ? "pointer"
        : "grab";
  const height = props.height ?? 480;

  return (
    <div className="layout-canvas">
      {selectable ? (
        <div className="layout-canvas__toolbar" role="toolbar" aria-label="Seat selection">
          <span className="layout-canvas__count" aria-live="polite">
            {selectedCount > 0 ? `${plural(selectedCount, "seat")} selected` : "No seats selected"}
          </span>
          <div className="layout-canvas__tools">
            {focusedSeatTool("Select row", "R", selectRow)}
            {focusedSeatTool("Select section", "S", selectSection)}
            <button
              type="button"
              className="button button--secondary button--small"
              aria-pressed={areaTool}
              title="Or hold Shift and drag"
              onClick={() => setAreaTool((on) => !on)}
            >
              Select area
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              disabled={selectedCount === 0}
              onClick={clearSelection}
            >
              Clear selection
            </button>
          </div>
        </div>
      ) : null}
      <div className="layout-canvas__frame" style={{ height } as CSSProperties}>
        <MapCanvasSurface
          containerRef={containerRef}
          canvasRef={canvasRef}
          map={map}
          label={props.label ?? "Venue layout"}
          testId="layout-canvas"
          helpId={helpId}
          help={
            <>
              Arrow keys move between seats, Home and End jump to the ends of a row, plus and minus zoom, 0
              resets the view, Shift with arrow keys moves the map.
              {selectable
                ? " Enter or Space selects the focused seat, R its whole row, S its whole section, Escape clears the selection. With a mouse, hold Shift and drag to select an area; add Alt to take an area out."
                : ""}
            </>
          }
          cursor={cursor}
          mapWidth={view.size.width}
          describeSeat={describeWithSelection}
          describeSection={(sectionIndex) => describeSection(model, sectionIndex)}
          onKeyDown={onKeyDown}
        >
          <div ref={areaRef} className="layout-canvas__area" hidden aria-hidden="true" />
        </MapCanvasSurface>
        <MapControls view={view} interactive={selectable} hint={selectedCount === 0} />
      </div>
    </div>
  );
}

const NO_SEATS: ReadonlySet<number> = new Set();

/** Zoomed out: a dark square over each selected seat, so a selected block reads as one darker block. */
function tintSelection(
  ctx: CanvasRenderingContext2D,
  model: SeatModel,
  view: MapView,
  dpr: number,
  selected: ReadonlySet<number>,
) {
  if (selected.size === 0) return;
  const { scale, x: offsetX, y: offsetY } = view.viewport;
  const side = Math.max(3, model.pitch * scale);
  ctx.save();
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.beginPath();
  for (const i of selected) {
    ctx.rect(
      model.xs[i]! * scale + offsetX - side / 2,
      model.ys[i]! * scale + offsetY - side / 2,
      side,
      side,
    );
  }
  ctx.globalAlpha = 0.6;
  ctx.fillStyle = MAP_COLORS.ring;
  ctx.fill();
  ctx.restore();
}

function describeSection(model: SeatModel, sectionIndex: number): string {
  const section = model.sections[sectionIndex];
  if (!section) return "";
  if (section.kind === "general_admission") {
    return `${sectionName(section.name)} · standing · ${plural(section.capacity, "place")}`;
  }
  return `${sectionName(section.name)} · ${plural(section.seatCount, "seat")} · click to see seats`;
}
