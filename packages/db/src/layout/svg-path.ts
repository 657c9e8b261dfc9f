import type { Point } from "./types";

/** Coordinates are written with at most two decimals, which is far finer than a seat. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 100) / 100;
}

function pair(point: Point): string {
  return `${roundCoordinate(point.x)} ${roundCoordinate(point.y)}`;
}

/** A closed polygon through `points`. */
export function polygonPath(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (!first) return "";
  return `M ${pair(first)} ${rest.map((p) => `L ${pair(p)}`).join(" ")} Z`;
}

/** A closed rectangle with rounded corners (`radius` is clamped to half the shorter side). */
export function roundedRectPath(center: Point, halfWidth: number, halfHeight: number, radius: number): string {
  const r = Math.min(radius, halfWidth, halfHeight);
  const left = center.x - halfWidth;
  const right = center.x + halfWidth;
  const top = center.y - halfHeight;
  const bottom = center.y + halfHeight;
  const arc = (to: Point) => `A ${roundCoordinate(r)} ${roundCoordinate(r)} 0 0 1 ${pair(to)}`;
  return [
    `M ${pair({ x: left + r, y: top })}`,
    `L ${pair({ x: right - r, y: top })}`,
    arc({ x: right, y: top + r }),
    `L ${pair({ x: right, y: bottom - r })}`,
    arc({ x: right - r, y: bottom }),
    `L ${pair({ x: left + r, y: bottom })}`,
    arc({ x: left, y: bottom - r }),
    `L ${pair({ x: left, y: top + r })}`,
    arc({ x: left + r, y: top }),
    "Z",
  ].join(" ");
}

/** The point at `angle` (radians, clockwise on the map from the +x axis) and `radius` from `center`. */
export function polarPoint(center: Point, radius: number, angle: number): Point {
  return { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) };
}

/**
 * A band between two circles around `center`, cut by two straight edges that run parallel to the rays at
 * `startAngle` and `endAngle`, `edgeGap` inside them (so neighbouring bands leave an aisle of constant width).
 */
export function arcBandPath(
  center: Point,
  innerRadius: number,
  outerRadius: number,
  startAngle: number,
  endAngle: number,
  edgeGap = 0,
): string {
  const edgeAngle = (radius: number) => Math.asin(Math.min(1, edgeGap / radius));
  const innerStart = startAngle + edgeAngle(innerRadius);
  const innerEnd = endAngle - edgeAngle(innerRadius);
  const outerStart = startAngle + edgeAngle(outerRadius);
  const outerEnd = endAngle - edgeAngle(outerRadius);
  const largeInner = innerEnd - innerStart > Math.PI ? 1 : 0;
  const largeOuter = outerEnd - outerStart > Math.PI ? 1 : 0;
  const rIn = roundCoordinate(innerRadius);
  const rOut = roundCoordinate(outerRadius);
  return [
    `M ${pair(polarPoint(center, innerRadius, innerStart))}`,
    `A ${rIn} ${rIn} 0 ${largeInner} 1 ${pair(polarPoint(center, innerRadius, innerEnd))}`,
    `L ${pair(polarPoint(center, outerRadius, outerEnd))}`,
    `A ${rOut} ${rOut} 0 ${largeOuter} 0 ${pair(polarPoint(center, outerRadius, outerStart))}`,
    "Z",
  ].join(" ");
}
