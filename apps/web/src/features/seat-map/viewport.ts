import { rectHeight, rectWidth, type Rect } from "./rect";

/** Map units → CSS pixels: `screen = world × scale + offset`. */
export interface Viewport {
  scale: number;
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface ZoomLimits {
  min: number;
  max: number;
}

export function worldToScreen(view: Viewport, wx: number, wy: number): { x: number; y: number } {
  return { x: wx * view.scale + view.x, y: wy * view.scale + view.y };
}

export function screenToWorld(view: Viewport, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - view.x) / view.scale, y: (sy - view.y) / view.scale };
}

/** The part of the map visible on screen, in map units. */
export function visibleWorldRect(view: Viewport, size: Size): Rect {
  return {
    minX: -view.x / view.scale,
    minY: -view.y / view.scale,
    maxX: (size.width - view.x) / view.scale,
    maxY: (size.height - view.y) / view.scale,
  };
}

/** The scale at which `rect` fits the screen with `padding` pixels around it. */
export function fitScale(rect: Rect, size: Size, padding = 16): number {
  const width = Math.max(1e-6, rectWidth(rect));
  const height = Math.max(1e-6, rectHeight(rect));
  return Math.max(1e-6, Math.min((size.width - 2 * padding) / width, (size.height - 2 * padding) / height));
}

/** A viewport showing `rect` centred (clamped to `limits` when given). */
export function fitRect(rect: Rect, size: Size, padding = 16, limits?: ZoomLimits): Viewport {
  let scale = fitScale(rect, size, padding);
  if (limits) scale = clampScale(scale, limits);
  const cx = (rect.minX + rect.maxX) / 2;
  const cy = (rect.minY + rect.maxY) / 2;
  return { scale, x: size.width / 2 - cx * scale, y: size.height / 2 - cy * scale };
}

export function clampScale(scale: number, limits: ZoomLimits): number {
  return Math.min(limits.max, Math.max(limits.min, scale));
}

/** Zooms by `factor` keeping the map point under (sx, sy) where it is. */
export function zoomAbout(
  view: Viewport,
  factor: number,
  sx: number,
  sy: number,
  limits: ZoomLimits,
): Viewport {
  const scale = clampScale(view.scale * factor, limits);
  const ratio = scale / view.scale;
  return { scale, x: sx - (sx - view.x) * ratio, y: sy - (sy - view.y) * ratio };
}

export function panBy(view: Viewport, dx: number, dy: number): Viewport {
  return { scale: view.scale, x: view.x + dx, y: view.y + dy };
}

/** Centres the map point (wx, wy) on screen. */
export function centerOn(view: Viewport, wx: number, wy: number, size: Size, scale = view.scale): Viewport {
  return { scale, x: size.width / 2 - wx * scale, y: size.height / 2 - wy * scale };
}

/** Keeps at least `margin` pixels of the content on screen, so the map cannot be flung out of sight. */
export function clampToContent(view: Viewport, content: Rect, size: Size, margin = 48): Viewport {
  const left = content.minX * view.scale + view.x;
  const right = content.maxX * view.scale + view.x;
  const top = content.minY * view.scale + view.y;
  const bottom = content.maxY * view.scale + view.y;
  const keepX = Math.min(margin, (right - left) / 2, size.width / 2);
  const keepY = Math.min(margin, (bottom - top) / 2, size.height / 2);
  let { x, y } = view;
  if (right < keepX) x += keepX - right;
  if (left > size.width - keepX) x -= left - (size.width - keepX);
  if (bottom < keepY) y += keepY - bottom;
  if (top > size.height - keepY) y -= top - (size.height - keepY);
  return { scale: view.scale, x, y };
}

/** Interpolates between two viewports, zooming in log space so the motion feels even. */
export function lerpViewport(from: Viewport, to: Viewport, t: number, size: Size): Viewport {
  const scale = Math.exp(Math.log(from.scale) + (Math.log(to.scale) - Math.log(from.scale)) * t);
  // Interpolate the map point at the screen centre rather than the raw offsets.
  const fromCenter = screenToWorld(from, size.width / 2, size.height / 2);
  const toCenter = screenToWorld(to, size.width / 2, size.height / 2);
  const cx = fromCenter.x + (toCenter.x - fromCenter.x) * t;
  const cy = fromCenter.y + (toCenter.y - fromCenter.y) * t;
  return centerOn(from, cx, cy, size, scale);
}

export function sameViewport(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.scale - b.scale) < 1e-9 && Math.abs(a.x - b.x) < 0.01 && Math.abs(a.y - b.y) < 0.01;
}
