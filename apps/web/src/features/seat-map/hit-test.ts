import type { MapDetail } from "./map-view";
import { rectContains, rectHeight, rectWidth } from "./rect";
import type { SeatModel, SectionInfo } from "./seat-model";
import { screenToWorld, type Viewport } from "./viewport";

export type MapTarget = { kind: "seat"; index: number } | { kind: "section"; index: number } | null;

let probe: CanvasRenderingContext2D | null = null;

/** A 1×1 context with an identity transform, for point-in-path tests in map units. */
function probeContext(): CanvasRenderingContext2D | null {
  if (!probe && typeof document !== "undefined") probe = document.createElement("canvas").getContext("2d");
  return probe;
}

/** Whether a map point lies inside a section's outline (true for sections drawn without one). */
export function insideOutline(section: SectionInfo, wx: number, wy: number): boolean {
  const ctx = probeContext();
  return !section.outline || !ctx || ctx.isPointInPath(section.outline, wx, wy);
}

/** The section under a map point: inside its outline, else inside its bounds (smallest wins), or -1. */
export function sectionAt(model: SeatModel, wx: number, wy: number, kinds?: "general_admission"): number {
  const ctx = probeContext();
  let best = -1;
  let bestArea = Infinity;
  for (const section of model.sections) {
    if (kinds && section.kind !== kinds) continue;
    if (!section.bounds || !rectContains(section.bounds, wx, wy)) continue;
    if (section.outline && ctx) {
      if (ctx.isPointInPath(section.outline, wx, wy)) return section.index;
      continue;
    }
    const area = rectWidth(section.bounds) * rectHeight(section.bounds);
    if (area < bestArea) {
      bestArea = area;
      best = section.index;
    }
  }
  return best;
}

/**
 * What is under a screen point: at seat zoom the nearest seat within reach (a finger's width on small seats),
 * or a general-admission section; at overview zoom the section.
 */
export function hitTest(
  model: SeatModel,
  view: Viewport,
  detail: MapDetail,
  sx: number,
  sy: number,
  pointer: "mouse" | "touch" = "mouse",
): MapTarget {
  const { x, y } = screenToWorld(view, sx, sy);
  if (detail === "seats") {
    // A fingertip is wider than a mouse pointer: reach further (but never past halfway to the next seat).
    const fingerPx = pointer === "touch" ? 22 : 12;
    const reach = Math.max(model.pitch * 0.55, Math.min(model.pitch * 0.85, fingerPx / view.scale));
    const seat = model.grid.nearest(x, y, reach);
    if (seat >= 0) return { kind: "seat", index: seat };
    const section = sectionAt(model, x, y, "general_admission");
    return section >= 0 ? { kind: "section", index: section } : null;
  }
  const section = sectionAt(model, x, y);
  return section >= 0 ? { kind: "section", index: section } : null;
}
