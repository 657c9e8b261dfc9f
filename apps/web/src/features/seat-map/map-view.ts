import { padRect, type Rect } from "./rect";
import {
  centerOn,
  clampScale,
  clampToContent,
  fitRect,
  fitScale,
  lerpViewport,
  panBy,
  sameViewport,
  screenToWorld,
  zoomAbout,
  type Size,
  type Viewport,
  type ZoomLimits,
} from "./viewport";

/** Below this many pixels between neighbouring seats the map shows sections instead of seats. */
export const OVERVIEW_PITCH_PX = 5.5;
/** The closest zoom: neighbouring seats this many pixels apart. */
const MAX_PITCH_PX = 56;
/** Zooming to a section or to seats lands at least here, so seats are easy to tap. */
const COMFORTABLE_PITCH_PX = 16;
/** Zooming to a few seats stops here, so their neighbours stay in view. */
const CLOSE_UP_PITCH_PX = 24;
const HOME_PADDING = 12;

export type MapDetail = "overview" | "seats";

function prefersReducedMotion(): boolean {
  return (
    typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches === true
  );
}

const easeOut = (t: number) => 1 - Math.pow(1 - t, 3);

/**
 * The camera of the seat map: current viewport, canvas size, zoom limits and animated moves. Plain TS; the
 * canvas component subscribes and redraws on change.
 */
export class MapView {
  viewport: Viewport = { scale: 1, x: 0, y: 0 };
  size: Size = { width: 0, height: 0 };
  private content: Rect;
  private pitch: number;
  /** Until the fan moves the map, resizing keeps the whole venue in view. */
  private moved = false;
  private animation: number | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(content: Rect, pitch: number) {
    this.content = content;
    this.pitch = pitch;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  get ready(): boolean {
    return this.size.width > 0 && this.size.height > 0;
  }

  homeViewport(): Viewport {
    return fitRect(this.content, this.size, HOME_PADDING);
  }

  limits(): ZoomLimits {
    const home = this.homeViewport().scale;
    return { min: home * 0.6, max: Math.max(home * 2, MAX_PITCH_PX / this.pitch) };
  }

  /** How many CSS pixels separate neighbouring seats at the current zoom. */
  pitchPx(view: Viewport = this.viewport): number {
    return this.pitch * view.scale;
  }

  detail(view: Viewport = this.viewport): MapDetail {
    return this.pitchPx(view) < OVERVIEW_PITCH_PX ? "overview" : "seats";
  }

  canZoomIn(): boolean {
    return this.viewport.scale < this.limits().max * 0.999;
  }

  canZoomOut(): boolean {
    return this.viewport.scale > this.limits().min * 1.001;
  }

  isHome(): boolean {
    return sameViewport(this.viewport, this.homeViewport());
  }

  /** A new map to show; the same layout again (a reloaded snapshot) keeps the camera where it is. */
  setContent(content: Rect, pitch: number): void {
    const same =
      this.pitch === pitch &&
      this.content.minX === content.minX &&
      this.content.minY === content.minY &&
      this.content.maxX === content.maxX &&
      this.content.maxY === content.maxY;
    if (same) return;
    this.content = content;
    this.pitch = pitch;
    this.moved = false;
    if (this.ready) this.apply(this.homeViewport());
  }

  setSize(size: Size): void {
    if (size.width === this.size.width && size.height === this.size.height) return;
    const previous = this.size;
    this.size = size;
    if (!this.moved || previous.width === 0 || previous.height === 0) {
      this.apply(this.homeViewport());
      return;
    }
    // Keep the same map point in the middle.
    const center = screenToWorld(this.viewport, previous.width / 2, previous.height / 2);
    this.apply(centerOn(this.viewport, center.x, center.y, size));
  }

  private stopAnimation(): void {
    if (this.animation !== null) cancelAnimationFrame(this.animation);
    this.animation = null;
  }

  private normalize(view: Viewport): Viewport {
    const limits = this.limits();
    const scale = clampScale(view.scale, limits);
    const scaled =
      scale === view.scale
        ? view
        : zoomAbout(view, scale / view.scale, this.size.width / 2, this.size.height / 2, limits);
    return clampToContent(scaled, this.content, this.size);
  }

  private apply(view: Viewport): void {
    this.viewport = view;
    this.emit();
  }

  /** Moves the camera, animated unless the fan prefers reduced motion. */
  go(target: Viewport, options: { animate?: boolean } = {}): void {
    this.stopAnimation();
    const to = this.normalize(target);
    if (!options.animate || prefersReducedMotion() || !this.ready) {
      this.apply(to);
      return;
    }
    const from = this.viewport;
    const size = this.size;
    const started = performance.now();
    const duration = 320;
    const step = (now: number) => {
      const t = Math.min(1, (now - started) / duration);
      this.apply(t >= 1 ? to : lerpViewport(from, to, easeOut(t), size));
      this.animation = t >= 1 ? null : requestAnimationFrame(step);
    };
    this.animation = requestAnimationFrame(step);
  }

  reset(animate = true): void {
    this.moved = false;
    this.go(this.homeViewport(), { animate });
  }

  /** Zooms about a screen point (the centre by default). */
  zoomBy(factor: number, at?: { x: number; y: number }, animate = false): void {
    this.moved = true;
    const x = at?.x ?? this.size.width / 2;
    const y = at?.y ?? this.size.height / 2;
    this.go(zoomAbout(this.viewport, factor, x, y, this.limits()), { animate });
  }

  panBy(dx: number, dy: number): void {
    this.moved = true;
    this.go(panBy(this.viewport, dx, dy));
  }

  /** Shows a region of the map, close enough that seats are easy to pick. */
  showRect(rect: Rect, options: { animate?: boolean; padding?: number } = {}): void {
    this.moved = true;
    const padded = padRect(rect, this.pitch * 2);
    const fitted = fitScale(padded, this.size, options.padding ?? 24);
    const scale = clampScale(
      Math.min(Math.max(fitted, COMFORTABLE_PITCH_PX / this.pitch), CLOSE_UP_PITCH_PX / this.pitch),
      this.limits(),
    );
    const cx = (padded.minX + padded.maxX) / 2;
    const cy = (padded.minY + padded.maxY) / 2;
    this.go(centerOn(this.viewport, cx, cy, this.size, scale), { animate: options.animate ?? true });
  }

  /** Brings a map point on screen (zooming in to a readable size if needed), moving as little as possible. */
  reveal(wx: number, wy: number): void {
    let view = this.viewport;
    const margin = Math.max(32, this.pitchPx() * 2);
    // Too small to see a focus ring on: come closer first.
    if (this.pitchPx() < COMFORTABLE_PITCH_PX * 0.6) {
      view = centerOn(view, wx, wy, this.size, clampScale(COMFORTABLE_PITCH_PX / this.pitch, this.limits()));
      this.moved = true;
      this.go(view, { animate: true });
      return;
    }
    const sx = wx * view.scale + view.x;
    const sy = wy * view.scale + view.y;
    let dx = 0;
    let dy = 0;
    if (sx < margin) dx = margin - sx;
    else if (sx > this.size.width - margin) dx = this.size.width - margin - sx;
    if (sy < margin) dy = margin - sy;
    else if (sy > this.size.height - margin) dy = this.size.height - margin - sy;
    if (dx !== 0 || dy !== 0) {
      this.moved = true;
      this.go(panBy(view, dx, dy), { animate: true });
    }
  }
}
