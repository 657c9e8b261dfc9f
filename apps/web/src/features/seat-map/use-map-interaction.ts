import { useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from "react";
import { hitTest, type MapTarget } from "./hit-test";
import { ARROW_KEYS, rowEnd, seatInDirection } from "./keyboard-navigation";
import type { MapView } from "./map-view";
import type { SeatModel } from "./seat-model";
import { screenToWorld } from "./viewport";

export interface MapPoint {
  x: number;
  y: number;
}

export interface MapHover {
  target: NonNullable<MapTarget>;
  x: number;
  y: number;
}

/** Dragging that draws a rectangle (in screen pixels) instead of panning the map. */
export interface MapAreaGesture {
  /** Whether a drag starting with this pointer draws a rectangle. */
  startsOn: (event: PointerEvent<HTMLCanvasElement>) => boolean;
  /** The rectangle while it is drawn; `null` once it is done or abandoned. */
  onDraw: (from: MapPoint | null, to?: MapPoint) => void;
  onEnd: (from: MapPoint, to: MapPoint) => void;
}

export interface MapInteractionOptions {
  model: SeatModel;
  view: MapView;
  /** A click, tap, Enter or Space on a seat or a section; returns what to announce, if anything. */
  onActivate: (target: NonNullable<MapTarget>) => string | void;
  /** Announced when the keyboard focus lands on a seat. */
  describeFocus: (index: number) => string;
  /** Seats the keyboard walk would rather start from (default: any seat). */
  preferStartingSeat?: (index: number) => boolean;
  /**
   * Where the keyboard walk starts, the same seat every time (default: the preferred seat nearest the middle of
   * the view); -1 to fall back to the default.
   */
  firstSeat?: () => number;
  /** Announced when the map gets the focus with no seat focused yet (what the map is, where arrows start). */
  describeEntry?: (firstSeat: number) => string;
  area?: MapAreaGesture;
}

interface Gesture {
  pointers: Map<number, MapPoint>;
  start: MapPoint;
  moved: boolean;
  pinch: { distance: number; x: number; y: number } | null;
  mode: "pan" | "area";
}

const DRAG_THRESHOLD_PX = 6;
const KEY_PAN_PX = 80;

function pinchOf(pointers: Map<number, MapPoint>) {
  const [a, b] = [...pointers.values()];
  if (!a || !b) return null;
  return { distance: Math.hypot(a.x - b.x, a.y - b.y), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

function pointFromEvent(event: PointerEvent<HTMLCanvasElement>): MapPoint {
  const rect = event.currentTarget.getBoundingClientRect();
  return { x: event.clientX - rect.left, y: event.clientY - rect.top };
}

/**
 * What a seat map canvas does with pointer and keyboard: click or tap to activate, drag to pan (or draw an
 * area), pinch and double-click to zoom, hover to describe, and a keyboard walk from seat to seat with an
 * announced focus. Spread `canvasHandlers` on the canvas.
 */
export function useMapInteraction(options: MapInteractionOptions) {
  const { model, view, onActivate, describeFocus, area } = options;
  const gestureRef = useRef<Gesture>({
    pointers: new Map(),
    start: { x: 0, y: 0 },
    moved: false,
    pinch: null,
    mode: "pan",
  });
  const [focus, setFocus] = useState(-1);
  const [keyboardMode, setKeyboardMode] = useState(false);
  const [hover, setHover] = useState<MapHover | null>(null);
  const [dragging, setDragging] = useState<Gesture["mode"] | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const focusSeat = focus < model.count ? focus : -1;

  const activate = (target: NonNullable<MapTarget>) => {
    if (target.kind === "seat") setFocus(target.index);
    const message = onActivate(target);
    if (message) setAnnouncement(message);
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
      gesture.mode = area?.startsOn(event) ? "area" : "pan";
    } else {
      // A second finger always means pinch-zoom.
      gesture.moved = true;
      gesture.pinch = pinchOf(gesture.pointers);
      if (gesture.mode === "area") area?.onDraw(null);
      gesture.mode = "pan";
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
    if (gesture.mode === "area") area?.onDraw(gesture.start, point);
    else view.panBy(point.x - previous.x, point.y - previous.y);
  };

  const endPointer = (event: PointerEvent<HTMLCanvasElement>, cancelled: boolean) => {
    const gesture = gestureRef.current;
    if (!gesture.pointers.has(event.pointerId)) return;
    gesture.pointers.delete(event.pointerId);
    if (gesture.pointers.size === 1) {
      // One finger lifted from a pinch: keep panning with the other without a jump.
      gesture.pinch = null;
      return;
    }
    if (gesture.pointers.size > 0) return;
    setDragging(null);
    if (gesture.mode === "area") area?.onDraw(null);
    if (cancelled) return;
    const point = pointFromEvent(event);
    if (gesture.mode === "area" && gesture.moved) {
      area?.onEnd(gesture.start, point);
      return;
    }
    if (!gesture.moved) {
      const pointer = event.pointerType === "mouse" ? "mouse" : "touch";
      const target = hitTest(model, view.viewport, view.detail(), point.x, point.y, pointer);
      if (target) activate(target);
    }
  };

  const startingSeat = (): number => {
    const first = options.firstSeat?.() ?? -1;
    if (first >= 0) return first;
    const { x, y } = screenToWorld(view.viewport, view.size.width / 2, view.size.height / 2);
    const far = Math.max(model.bounds.maxX - model.bounds.minX, model.bounds.maxY - model.bounds.minY);
    const preferred = options.preferStartingSeat
      ? model.grid.nearest(x, y, far, options.preferStartingSeat)
      : -1;
    return preferred >= 0 ? preferred : model.grid.nearest(x, y, far);
  };

  const moveFocus = (next: number) => {
    if (next < 0) return;
    setFocus(next);
    setAnnouncement(describeFocus(next));
    view.reveal(model.xs[next]!, model.ys[next]!);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if (event.altKey || event.metaKey || event.ctrlKey) return;
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
        else activate({ kind: "seat", index: focusSeat });
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
        setKeyboardMode(false);
        return;
    }
  };

  return {
    focusSeat,
    keyboardMode,
    showKeyboardFocus: () => setKeyboardMode(true),
    hover,
    dragging,
    announcement,
    announce: setAnnouncement,
    moveFocus,
    startingSeat,
    canvasHandlers: {
      onPointerDown,
      onPointerMove,
      onPointerUp: (event: PointerEvent<HTMLCanvasElement>) => endPointer(event, false),
      onPointerCancel: (event: PointerEvent<HTMLCanvasElement>) => endPointer(event, true),
      onPointerLeave: (event: PointerEvent<HTMLCanvasElement>) => {
        if (event.pointerType === "mouse" && !gestureRef.current.pointers.size) setHover(null);
      },
      onDoubleClick: (event: MouseEvent<HTMLCanvasElement>) => {
        const rect = event.currentTarget.getBoundingClientRect();
        view.zoomBy(2, { x: event.clientX - rect.left, y: event.clientY - rect.top }, true);
      },
      onKeyDown,
      onFocus: () => {
        if (focusSeat >= 0) setAnnouncement(describeFocus(focusSeat));
        else if (options.describeEntry) setAnnouncement(options.describeEntry(startingSeat()));
      },
      onBlur: () => setKeyboardMode(false),
    },
  };
}
