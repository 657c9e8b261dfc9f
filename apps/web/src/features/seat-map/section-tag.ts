import type { SeatModel, SectionInfo } from "./seat-model";
import { seatRadiusPx } from "./seat-radius";
import type { Size, Viewport } from "./viewport";

/** Gap between a tag and the seats it names, and between a tag and the canvas edge, in pixels. */
const GAP = 4;

/** True when a seat drawn anywhere on the map would show under this screen rectangle. */
function coversSeat(model: SeatModel, viewport: Viewport, x0: number, y0: number, x1: number, y1: number): boolean {
  const r = seatRadiusPx(model.pitch, viewport.scale);
  const toMap = (px: number, offset: number) => (px - offset) / viewport.scale;
  const area = {
    minX: toMap(x0 - r, viewport.x),
    minY: toMap(y0 - r, viewport.y),
    maxX: toMap(x1 + r, viewport.x),
    maxY: toMap(y1 + r, viewport.y),
  };
  let covered = false;
  model.grid.forEachNear(area, (index) => {
    if (covered) return;
    const sx = model.xs[index]! * viewport.scale + viewport.x;
    const sy = model.ys[index]! * viewport.scale + viewport.y;
    // Distance from the seat's centre to the rectangle, against its radius.
    const dx = Math.max(x0 - sx, 0, sx - x1);
    const dy = Math.max(y0 - sy, 0, sy - y1);
    if (dx * dx + dy * dy < r * r) covered = true;
  });
  return covered;
}

/**
 * Where the name tag of a seated section goes once its seats are drawn: centred over the section, just above its
 * seats, else just below them, on screen, and over no seat of any section (a neighbour's seats may sit in the
 * aisle's place). Null when there is no such place: no tag rather than one hiding seats.
 */
export function placeSectionTag(
  model: SeatModel,
  section: SectionInfo,
  viewport: Viewport,
  size: Size,
  tag: { width: number; height: number },
): { x: number; y: number } | null {
  const b = section.bounds;
  if (!b) return null;
  const { width, height } = tag;
  const left = b.minX * viewport.scale + viewport.x;
  const right = b.maxX * viewport.scale + viewport.x;
  const top = b.minY * viewport.scale + viewport.y;
  const bottom = b.maxY * viewport.scale + viewport.y;
  // Keep the tag on screen while enough of the section is.
  const visibleWidth = Math.min(right, size.width) - Math.max(left, 0);
  if (visibleWidth < width + 2 * GAP || bottom < 0 || top > size.height) return null;
  const x = Math.min(
    Math.max((left + right) / 2, Math.max(left, 0) + width / 2 + GAP),
    Math.min(right, size.width) - width / 2 - GAP,
  );
  for (const y of [top - height / 2 - GAP, bottom + height / 2 + GAP]) {
    if (y < height / 2 + GAP || y > size.height - height / 2 - GAP) continue;
    if (!coversSeat(model, viewport, x - width / 2, y - height / 2, x + width / 2, y + height / 2)) return { x, y };
  }
  return null;
}
