import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
} from "react";
import { formatCount } from "../lib/format";
import { hitTest, type MapTarget } from "../seat-map/hit-test";
import { ARROW_KEYS, rowEnd, seatInDirection } from "../seat-map/keyboard-navigation";
import { MapControls } from "../seat-map/map-controls";
import { MapView } from "../seat-map/map-view";
import { MAP_COLORS, renderSeatMap } from "../seat-map/render-seat-map";
import { seatPlace } from "../seat-map/seat-label";
import { FLAG_ACCESSIBLE, FLAG_COMPANION, FLAG_RESTRICTED, type SeatModel } from "../seat-map/seat-model";
import { sectionName } from "../seat-map/section-name";
import { screenToWorld } from "../seat-map/viewport";
import "./layout-canvas.css";

/**
 * A venue layout drawn exactly as fans see it (the fans' renderer, camera, zoom, pan and keyboard walk), with
 * optional seat selection for organizers.
 *
 * - `model`: what to draw, with each seat's status and colour. Build it with `layoutModel(venueLayout)` from
 *   `./layout-model`, or `new SeatModel(seats.map snapshot)` for an event. Memoize it: a new model re-centres.
 * - `selected` / `onSelectionChange`: the selected seat ids. Without `onSelectionChange` the map only shows.
 *   Click or Enter toggles a seat; R toggles the focused seat's row and S its section; Shift+drag (or the
 *   "Select area" tool) adds every seat in a rectangle, Alt+Shift+drag takes them out; Escape clears.
 * - `onSectionActivate`: a click on a general-admission area (or on any section while zoomed out, which
 *   otherwise zooms into it).
 * - `activeSectionId`: a section to outline (e.g. the standing area being edited).
 * - `height`: CSS height of the map (default 480px).
 * - `describeSeat`: words for a seat in the tooltip and announcements (default: where it is, its status and marks).
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
}

interface Point {
  x: number;
  y: number;
}

interface Gesture {
  pointers: Map<number, Point>;
  start: Point;
  moved: boolean;
  pinch: { distance: number; x: number; y: number } | null;
  /** Panning the map, or drawing a selection rectangle (adding, or with Alt taking seats out). */
  mode: "pan" | "area";
  subtract: boolean;
}

interface Hover {
  target: NonNullable<MapTarget>;
  x: number;
  y: number;
}

const DRAG_THRESHOLD_PX = 6;
const KEY_PAN_PX = 80;
const NOTHING_SELECTED: ReadonlySet<string> = new Set();

function pinchOf(pointers: Map<number, Point>) {
  const [a, b] = [...pointers.values()];
  if (!a || !b) return null;
  return { distance: Math.hypot(a.x - b.x, a.y - b.y), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

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
function seatsInRect(model: SeatModel, a: Point, b: Point): number[] {
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
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const areaRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<number | null>(null);
  const gestureRef = useRef<Gesture>({
    pointers: new Map(),
    start: { x: 0, y: 0 },
    moved: false,
    pinch: null,
    mode: "pan",
    subtract: false,
  });
  const [focus, setFocus] = useState(-1);
  const [keyboardMode, setKeyboardMode] = useState(false);
  const [hover, setHover] = useState<Hover | null>(null);
  const [dragging, setDragging] = useState<Gesture["mode"] | null>(null);
  const [areaTool, setAreaTool] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const focusSeat = focus < model.count ? focus : -1;

  const selectedIndexes = useMemo(() => {
    const indexes = new Set<number>();
    for (const id of selectedIds) {
      const index = model.indexOf(id);
      if (index >= 0) indexes.add(index);
    }
    return indexes;
  }, [model, selectedIds]);
  const activeSection = props.activeSectionId ? model.sectionIndexOf(props.activeSectionId) : -1;

  useEffect(() => {
    view.setContent(model.bounds, model.pitch);
  }, [model, view]);

  // Everything the next frame draws, refreshed after each render (never read during render).
  const latest = useRef({ model, selectedIndexes, activeSection, focus: focusSeat, keyboardMode, hover });
  useLayoutEffect(() => {
    latest.current = { model, selectedIndexes, activeSection, focus: focusSeat, keyboardMode, hover };
  });

  const draw = useCallback(() => {
    frameRef.current = null;
    const canvas = canvasRef.current;
    const current = latest.current;
    if (!canvas || !view.ready) return;
    const dpr = Math.min(3, window.devicePixelRatio || 1);
    const width = Math.round(view.size.width * dpr);
    const height = Math.round(view.size.height * dpr);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    const detail = view.detail();
    // Zoomed out, the fans' map marks each selected seat with a haloed dot: fine for a fan's few seats, a white
    // smear over a selected section of thousands. Organizers get a tint instead (drawn after the map).
    const overview = detail === "overview";
    renderSeatMap(ctx, {
      model: current.model,
      viewport: view.viewport,
      size: view.size,
      dpr,
      detail,
      decorations: {
        selected: overview ? NO_SEATS : current.selectedIndexes,
        mine: NO_SEATS,
        activeSection: current.activeSection,
        focus: current.focus,
        showFocus: current.keyboardMode,
        hoverSeat: current.hover?.target.kind === "seat" ? current.hover.target.index : -1,
        hoverSection: current.hover?.target.kind === "section" ? current.hover.target.index : -1,
      },
    });
    if (overview) tintSelection(ctx, current.model, view, dpr, current.selectedIndexes);
  }, [view]);

  const schedule = useCallback(() => {
    if (frameRef.current === null) frameRef.current = requestAnimationFrame(draw);
  }, [draw]);

  useLayoutEffect(() => {
    schedule();
  });

  useEffect(() => {
    const offModel = model.subscribe(schedule);
    const offView = view.subscribe(schedule);
    return () => {
      offModel();
      offView();
    };
  }, [model, view, schedule]);

  useEffect(
    () => () => {
      if (frameRef.current !== null) cancelAnimationFrame(frameRef.current);
      frameRef.current = null;
    },
    [],
  );

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const measure = () => {
      const rect = container.getBoundingClientRect();
      view.setSize({ width: Math.round(rect.width), height: Math.round(rect.height) });
      schedule();
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(container);
    window.addEventListener("resize", schedule);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", schedule);
    };
  }, [view, schedule]);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = canvas.getBoundingClientRect();
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? rect.height : 1;
      const speed = event.ctrlKey ? 0.01 : 0.0018;
      const factor = Math.exp(-event.deltaY * unit * speed);
      view.zoomBy(Math.min(2, Math.max(0.5, factor)), {
        x: event.clientX - rect.left,
        y: event.clientY - rect.top,
      });
    };
    canvas.addEventListener("wheel", onWheel, { passive: false });
    return () => canvas.removeEventListener("wheel", onWheel);
  }, [view]);

  // ----- selection -----

  const selectedCount = selectedIndexes.size;
  const countWords = (count: number) => `${plural(count, "seat")} selected.`;

  /** Adds the seats, or takes them out when every one is already selected (or `remove` says so). */
  const applySeats = (
    indexes: readonly number[],
    mode: "toggle" | "add" | "remove",
  ): { added: boolean; total: number } => {
    const next = new Set(selectedIds);
    const ids = indexes.map((i) => model.ids[i]!);
    const remove =
      mode === "remove" || (mode === "toggle" && ids.length > 0 && ids.every((id) => next.has(id)));
    for (const id of ids) {
      if (remove) next.delete(id);
      else next.add(id);
    }
    onSelectionChange?.(next);
    return { added: !remove, total: next.size };
  };

  const toggleSeat = (index: number) => {
    setFocus(index);
    if (!selectable) {
      setAnnouncement(describe(index));
      return;
    }
    const { added, total } = applySeats([index], "toggle");
    setAnnouncement(`${added ? "Selected" : "Removed"} ${seatPlace(model, index)}. ${countWords(total)}`);
  };

  const selectRow = (index: number) => {
    const section = model.sectionOfSeat(index);
    const row = section?.rows.find((candidate) => candidate.name === model.rowName[index]);
    if (!section || !row) return;
    const { added, total } = applySeats(row.seats, "toggle");
    setAnnouncement(
      `${added ? "Selected" : "Removed"} row ${row.name} of ${sectionName(section.name)}, ${plural(row.seats.length, "seat")}. ${countWords(total)}`,
    );
  };

  const selectSection = (index: number) => {
    const section = model.sectionOfSeat(index);
    if (!section) return;
    const seats = section.rows.flatMap((row) => row.seats);
    const { added, total } = applySeats(seats, "toggle");
    setAnnouncement(
      `${added ? "Selected" : "Removed"} ${sectionName(section.name)}, ${plural(seats.length, "seat")}. ${countWords(total)}`,
    );
  };

  const clearSelection = () => {
    if (selectedIds.size === 0) return;
    onSelectionChange?.(new Set());
    setAnnouncement("Selection cleared.");
  };

  const activateSection = (sectionIndex: number) => {
    const section = model.sections[sectionIndex];
    if (!section) return;
    if (onSectionActivate && (section.kind === "general_admission" || view.detail() === "overview")) {
      onSectionActivate(section.id);
      if (section.kind === "general_admission") return;
    }
    if (section.kind === "reserved" && section.bounds) {
      view.showRect(section.bounds);
      setAnnouncement(`Showing ${sectionName(section.name)}, ${plural(section.seatCount, "seat")}.`);
    }
  };

  const activate = (target: NonNullable<MapTarget>) => {
    if (target.kind === "seat") toggleSeat(target.index);
    else activateSection(target.index);
  };

  // ----- pointer -----

  const pointFromEvent = (event: PointerEvent<HTMLCanvasElement>): Point => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const drawArea = (a: Point | null, b?: Point) => {
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
    area.dataset.subtract = gestureRef.current.subtract ? "true" : "false";
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    const point = pointFromEvent(event);
    const gesture = gestureRef.current;
    event.currentTarget.setPointerCapture(event.pointerId);
    gesture.pointers.set(event.pointerId, point);
    if (gesture.pointers.size === 1) {
      gesture.start = point;
      gesture.moved = false;
      gesture.pinch = null;
      gesture.mode = selectable && (event.shiftKey || areaTool) ? "area" : "pan";
      gesture.subtract = event.altKey;
    } else {
      // A second finger always means pinch-zoom.
      gesture.moved = true;
      gesture.mode = "pan";
      gesture.pinch = pinchOf(gesture.pointers);
      drawArea(null);
    }
    setKeyboardMode(false);
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const point = pointFromEvent(event);
    const gesture = gestureRef.current;
    const previous = gesture.pointers.get(event.pointerId);
    if (!previous) {
      if (event.pointerType === "mouse") {
        const target = hitTest(model, view.viewport, view.detail(), point.x, point.y);
        if (target) setHover({ target, x: point.x, y: point.y });
        else if (hover) setHover(null);
      }
      return;
    }
    gesture.pointers.set(event.pointerId, point);
    if (gesture.pointers.size >= 2) {
      const pinch = pinchOf(gesture.pointers);
      if (pinch && gesture.pinch && gesture.pinch.distance > 0) {
        view.zoomBy(pinch.distance / gesture.pinch.distance, { x: pinch.x, y: pinch.y });
        view.panBy(pinch.x - gesture.pinch.x, pinch.y - gesture.pinch.y);
      }
      gesture.pinch = pinch;
      return;
    }
    if (
      !gesture.moved &&
      Math.hypot(point.x - gesture.start.x, point.y - gesture.start.y) < DRAG_THRESHOLD_PX
    )
      return;
    if (!gesture.moved) {
      gesture.moved = true;
      setDragging(gesture.mode);
      setHover(null);
    }
    if (gesture.mode === "area") drawArea(gesture.start, point);
    else view.panBy(point.x - previous.x, point.y - previous.y);
  };

  const endPointer = (event: PointerEvent<HTMLCanvasElement>, cancelled: boolean) => {
    const gesture = gestureRef.current;
    if (!gesture.pointers.has(event.pointerId)) return;
    gesture.pointers.delete(event.pointerId);
    if (gesture.pointers.size === 1) {
      gesture.pinch = null;
      return;
    }
    if (gesture.pointers.size > 0) return;
    setDragging(null);
    drawArea(null);
    if (cancelled) return;
    const point = pointFromEvent(event);
    if (gesture.mode === "area" && gesture.moved) {
      const seats = seatsInRect(
        model,
        screenToWorld(view.viewport, gesture.start.x, gesture.start.y),
        screenToWorld(view.viewport, point.x, point.y),
      );
      const { total } = applySeats(seats, gesture.subtract ? "remove" : "add");
      setAnnouncement(
        `${gesture.subtract ? "Removed" : "Added"} ${plural(seats.length, "seat")} in the area. ${countWords(total)}`,
      );
      return;
    }
    if (!gesture.moved) {
      const pointer = event.pointerType === "mouse" ? "mouse" : "touch";
      const target = hitTest(model, view.viewport, view.detail(), point.x, point.y, pointer);
      if (target) activate(target);
    }
  };

  // ----- keyboard -----

  const startingSeat = (): number => {
    const { x, y } = screenToWorld(view.viewport, view.size.width / 2, view.size.height / 2);
    const far = Math.max(model.bounds.maxX - model.bounds.minX, model.bounds.maxY - model.bounds.minY);
    return model.grid.nearest(x, y, far);
  };

  const moveFocus = (next: number) => {
    if (next < 0) return;
    setFocus(next);
    setAnnouncement(`${describe(next)}${selectedIndexes.has(next) ? ", selected" : ""}`);
    view.reveal(model.xs[next]!, model.ys[next]!);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    const direction = ARROW_KEYS[event.key];
    if (direction) {
      event.preventDefault();
      setKeyboardMode(true);
      if (event.shiftKey) {
        const dx = direction === "left" ? KEY_PAN_PX : direction === "right" ? -KEY_PAN_PX : 0;
        const dy = direction === "up" ? KEY_PAN_PX : direction === "down" ? -KEY_PAN_PX : 0;
        view.panBy(dx, dy);
        return;
      }
      moveFocus(focusSeat < 0 ? startingSeat() : seatInDirection(model, focusSeat, direction));
      return;
    }
    switch (event.key) {
      case "Enter":
      case " ":
        event.preventDefault();
        setKeyboardMode(true);
        if (focusSeat < 0) moveFocus(startingSeat());
        else toggleSeat(focusSeat);
        return;
      case "r":
      case "R":
      case "s":
      case "S":
        if (!selectable) return;
        event.preventDefault();
        setKeyboardMode(true);
        if (focusSeat < 0) {
          moveFocus(startingSeat());
          return;
        }
        if (event.key.toLowerCase() === "r") selectRow(focusSeat);
        else selectSection(focusSeat);
        return;
      case "Home":
      case "End":
        if (focusSeat >= 0) {
          event.preventDefault();
          setKeyboardMode(true);
          moveFocus(rowEnd(model, focusSeat, event.key === "Home" ? "first" : "last"));
        }
        return;
      case "+":
      case "=":
        event.preventDefault();
        view.zoomBy(1.5, undefined, true);
        return;
      case "-":
      case "_":
        event.preventDefault();
        view.zoomBy(1 / 1.5, undefined, true);
        return;
      case "0":
        event.preventDefault();
        view.reset();
        return;
      case "Escape":
        if (selectable && selectedIds.size > 0) {
          event.preventDefault();
          clearSelection();
        }
        setKeyboardMode(false);
        return;
    }
  };

  const hoverText =
    hover && !dragging
      ? hover.target.kind === "seat"
        ? `${describe(hover.target.index)}${selectedIndexes.has(hover.target.index) ? ", selected" : ""}`
        : describeSection(model, hover.target.index)
      : null;
  const cursor = dragging
    ? dragging === "area"
      ? "crosshair"
      : "grabbing"
    : areaTool
      ? "crosshair"
      : hover
        ? "pointer"
        : "grab";
  const height = props.height ?? 480;
  const anchor = focusSeat;

  return (
    <div className="layout-canvas">
      {selectable ? (
        <div className="layout-canvas__toolbar" role="toolbar" aria-label="Seat selection">
          <span className="layout-canvas__count" aria-live="polite">
            {selectedCount > 0 ? `${plural(selectedCount, "seat")} selected` : "No seats selected"}
          </span>
          <div className="layout-canvas__tools">
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={anchor < 0}
              title="R on the map"
              onClick={() => selectRow(anchor)}
            >
              Select row
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={anchor < 0}
              title="S on the map"
              onClick={() => selectSection(anchor)}
            >
              Select section
            </button>
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
        <div ref={containerRef} className="seat-canvas">
          <canvas
            ref={canvasRef}
            className="seat-canvas__canvas"
            data-testid="layout-canvas"
            role="application"
            aria-label={props.label ?? "Venue layout"}
            aria-roledescription="interactive seat map"
            aria-describedby={helpId}
            tabIndex={0}
            style={{ cursor }}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={(event) => endPointer(event, false)}
            onPointerCancel={(event) => endPointer(event, true)}
            onPointerLeave={(event) => {
              if (event.pointerType === "mouse" && !gestureRef.current.pointers.size) setHover(null);
            }}
            onDoubleClick={(event) => {
              const rect = event.currentTarget.getBoundingClientRect();
              view.zoomBy(2, { x: event.clientX - rect.left, y: event.clientY - rect.top }, true);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setKeyboardMode(false)}
          />
          <div ref={areaRef} className="layout-canvas__area" hidden aria-hidden="true" />
          <p id={helpId} className="visually-hidden">
            Arrow keys move between seats, Home and End jump to the ends of a row, plus and minus zoom, 0
            resets the view, Shift with arrow keys moves the map.
            {selectable
              ? " Enter or Space selects the focused seat, R its whole row, S its whole section, Escape clears the selection. With a mouse, hold Shift and drag to select an area; add Alt to take an area out."
              : ""}
          </p>
          <div className="visually-hidden" aria-live="polite" aria-atomic="true">
            {announcement}
          </div>
          {hoverText && hover ? (
            <div
              className="seat-canvas__tooltip"
              aria-hidden="true"
              style={{ left: hover.x, top: hover.y }}
              data-flip={hover.x > view.size.width - 220 ? "left" : undefined}
            >
              {hoverText}
            </div>
          ) : null}
        </div>
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
