import { useCallback, useEffect, useLayoutEffect, useRef } from "react";
import type { MapDetail, MapView } from "./map-view";
import type { SeatModel } from "./seat-model";

export interface MapFrame {
  ctx: CanvasRenderingContext2D;
  dpr: number;
  detail: MapDetail;
}

/**
 * The drawing loop of a seat map canvas: paints with requestAnimationFrame only when the model, the camera or
 * the component changes, keeps the canvas resolution in step with its element, and zooms on the wheel.
 * `paint` is called with the props of the latest render (never during render).
 */
export function useMapFrame(
  model: SeatModel,
  view: MapView,
  paint: (frame: MapFrame) => void,
  /**
   * What the paint draws besides the model and the view (selection, focus, hover…), as a string: a render that
   * leaves it unchanged does not repaint. Without it, every render repaints.
   */
  decorationKey?: string,
) {
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const frameRef = useRef<number | null>(null);
  const paintRef = useRef(paint);
  useLayoutEffect(() => {
    paintRef.current = paint;
  });

  const draw = useCallback(() => {
    frameRef.current = null;
    const canvas = canvasRef.current;
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
    paintRef.current({ ctx, dpr, detail: view.detail() });
  }, [view]);

  const schedule = useCallback(() => {
    if (frameRef.current === null) frameRef.current = requestAnimationFrame(draw);
  }, [draw]);

  // Redraw after a render that changed what is drawn (new selection, focus, hover…).
  const drawnKey = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    if (decorationKey !== undefined && decorationKey === drawnKey.current) return;
    drawnKey.current = decorationKey;
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

  return { containerRef, canvasRef };
}
