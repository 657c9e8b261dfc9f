import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from "react";
import { hitTest, type MapTarget } from "./hit-test";
import { ARROW_KEYS, rowEnd, seatInDirection } from "./keyboard-navigation";
import type { MapView } from "./map-view";
import { renderSeatMap } from "./render-seat-map";
import type { SeatModel } from "./seat-model";
import { screenToWorld } from "./viewport";

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

interface Hover {
  target: NonNullable<MapTarget>;
  x: number;
  y: number;
}

interface Gesture {
  pointers: Map<number, { x: number; y: number }>;
  startX: number;
  startY: number;
  moved: boolean;
  pinch: { distance: number; x: number; y: number } | null;
}

const DRAG_THRESHOLD_PX = 6;
const KEY_PAN_PX = 80;

function pinchOf(pointers: Map<number, { x: number; y: number }>) {
  const [a, b] = [...pointers.values()];
  if (!a || !b) return null;
  return { distance: Math.hypot(a.x - b.x, a.y - b.y), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/**
 * The seat map canvas: draws with requestAnimationFrame only when the model, the camera or the decorations
 * change; wheel / drag / pinch to move; keyboard to walk from seat to seat with an announced focus.
 */
export function SeatMapCanvas(props: SeatMapCanvasProps) {
  const { model, view } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const frameRef = useRef<number | null>(null);
  const gestureRef = useRef<Gesture>({
    pointers: new Map(),
    startX: 0,
    startY: 0,
    moved: false,
    pinch: null,
  });
  const [focus, setFocus] = useState(-1);
  const [keyboardMode, setKeyboardMode] = useState(false);
  const [hover, setHover] = useState<Hover | null>(null);
  const [dragging, setDragging] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const focusSeat = focus < model.count ? focus : -1;

  // Everything the next frame draws, refreshed after each render (never read during render).
  const latest = useRef({ props, focus: focusSeat, keyboardMode, hover });
  useLayoutEffect(() => {
    latest.current = { props, focus: focusSeat, keyboardMode, hover };
  });

  const draw = useCallback(() => {
    frameRef.current = null;
    const canvas = canvasRef.current;
    const { props: current, focus: focused, keyboardMode: showFocus, hover: hovered } = latest.current;
    const camera = current.view;
    if (!canvas || !camera.ready) return;
    const dpr = Math.min(3, window.devicePixelRatio || 1);
    const width = Math.round(camera.size.width * dpr);
    const height = Math.round(camera.size.height * dpr);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    renderSeatMap(ctx, {
      model: current.model,
      viewport: camera.viewport,
      size: camera.size,
      dpr,
      detail: camera.detail(),
      decorations: {
        selected: current.selected,
        mine: current.mine,
        activeSection: current.activeSection,
        focus: focused,
        showFocus,
        hoverSeat: hovered?.target.kind === "seat" ? hovered.target.index : -1,
        hoverSection: hovered?.target.kind === "section" ? hovered.target.index : -1,
      },
    });
  }, []);

  const schedule = useCallback(() => {
    if (frameRef.current === null) frameRef.current = requestAnimationFrame(draw);
  }, [draw]);

  // Redraw after any render (new selection, focus, hover…).
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

  // Track the element's size (and so the canvas resolution).
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
    // A change of devicePixelRatio (browser zoom, moving to another screen) needs a sharper canvas.
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
      // Trackpad pinches arrive as ctrl+wheel with small deltas.
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

  const pointFromEvent = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const activate = (target: NonNullable<MapTarget>) => {
    if (target.kind === "seat") {
      setFocus(target.index);
      const message = props.onSeatActivate(target.index);
      if (message) setAnnouncement(message);
    } else {
      const message = props.onSectionActivate(target.index);
      if (message) setAnnouncement(message);
    }
  };

  const updateHover = (x: number, y: number) => {
    const target = hitTest(model, view.viewport, view.detail(), x, y);
    if (!target) {
      if (hover) setHover(null);
      return;
    }
    setHover({ target, x, y });
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    const point = pointFromEvent(event);
    const gesture = gestureRef.current;
    event.currentTarget.setPointerCapture(event.pointerId);
    gesture.pointers.set(event.pointerId, point);
    if (gesture.pointers.size === 1) {
      gesture.startX = point.x;
      gesture.startY = point.y;
      gesture.moved = false;
      gesture.pinch = null;
    } else {
      gesture.moved = true;
      gesture.pinch = pinchOf(gesture.pointers);
    }
    setKeyboardMode(false);
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const point = pointFromEvent(event);
    const gesture = gestureRef.current;
    const previous = gesture.pointers.get(event.pointerId);
    if (!previous) {
      if (event.pointerType === "mouse") updateHover(point.x, point.y);
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
    if (!gesture.moved && Math.hypot(point.x - gesture.startX, point.y - gesture.startY) < DRAG_THRESHOLD_PX)
      return;
    if (!gesture.moved) {
      gesture.moved = true;
      setDragging(true);
      setHover(null);
    }
    view.panBy(point.x - previous.x, point.y - previous.y);
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
    setDragging(false);
    if (!cancelled && !gesture.moved) {
      const point = pointFromEvent(event);
      const pointer = event.pointerType === "mouse" ? "mouse" : "touch";
      const target = hitTest(model, view.viewport, view.detail(), point.x, point.y, pointer);
      if (target) activate(target);
    }
  };

  const startingSeat = (): number => {
    const { x, y } = screenToWorld(view.viewport, view.size.width / 2, view.size.height / 2);
    const far = Math.max(model.bounds.maxX - model.bounds.minX, model.bounds.maxY - model.bounds.minY);
    const available = model.grid.nearest(x, y, far, (i) => model.isAvailable(i));
    return available >= 0 ? available : model.grid.nearest(x, y, far);
  };

  const moveFocus = (next: number) => {
    if (next < 0) return;
    setFocus(next);
    setAnnouncement(props.describeSeat(next));
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
      case " ": {
        event.preventDefault();
        setKeyboardMode(true);
        if (focusSeat < 0) {
          moveFocus(startingSeat());
          return;
        }
        activate({ kind: "seat", index: focusSeat });
        return;
      }
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

  const hoverText =
    hover && !dragging
      ? hover.target.kind === "seat"
        ? props.describeSeat(hover.target.index)
        : props.describeSection(hover.target.index)
      : null;
  const cursor = dragging ? "grabbing" : hover ? "pointer" : "grab";

  return (
    <div ref={containerRef} className="seat-canvas">
      <canvas
        ref={canvasRef}
        className="seat-canvas__canvas"
        data-testid="seat-map-canvas"
        role="application"
        aria-label="Seat map"
        aria-roledescription="interactive seat map"
        aria-describedby="seat-map-help"
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
      <p id="seat-map-help" className="visually-hidden">
        Arrow keys move between seats, Enter or Space selects the focused seat, Home and End jump to the ends
        of a row, plus and minus zoom, 0 resets the view, Shift with arrow keys moves the map. The list view
        offers the same seats as buttons.
      </p>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="seat-map-announcer">
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
  );
}
