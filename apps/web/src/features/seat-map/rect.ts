/** An axis-aligned rectangle in map units (or pixels, where said). */
export interface Rect {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export const emptyRect = (): Rect => ({ minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity });

export function isEmptyRect(rect: Rect): boolean {
  return !(rect.maxX >= rect.minX && rect.maxY >= rect.minY);
}

export function extendRect(rect: Rect, x: number, y: number): void {
  if (x < rect.minX) rect.minX = x;
  if (x > rect.maxX) rect.maxX = x;
  if (y < rect.minY) rect.minY = y;
  if (y > rect.maxY) rect.maxY = y;
}

export function unionRect(a: Rect, b: Rect): Rect {
  if (isEmptyRect(a)) return { ...b };
  if (isEmptyRect(b)) return { ...a };
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}

export function padRect(rect: Rect, by: number): Rect {
  return { minX: rect.minX - by, minY: rect.minY - by, maxX: rect.maxX + by, maxY: rect.maxY + by };
}

export function rectWidth(rect: Rect): number {
  return rect.maxX - rect.minX;
}

export function rectHeight(rect: Rect): number {
  return rect.maxY - rect.minY;
}

export function rectContains(rect: Rect, x: number, y: number): boolean {
  return x >= rect.minX && x <= rect.maxX && y >= rect.minY && y <= rect.maxY;
}
