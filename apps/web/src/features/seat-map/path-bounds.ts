import { emptyRect, extendRect, isEmptyRect, type Rect } from "./rect";

/** How many numbers each SVG path command takes per repetition. */
const ARITY: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };

/**
 * The bounding box of each subpath of an SVG path string (one per `M`/`m`), from its end and control points.
 * Arcs are bounded by their end points widened by the radius, which is plenty for placing labels and fitting
 * the view. Returns [] for an empty or unreadable path.
 */
export function subpathBounds(path: string): Rect[] {
  const tokens = path.match(/[a-zA-Z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const result: Rect[] = [];
  let current: Rect | null = null;
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let command = "";
  let i = 0;
  const number = () => Number(tokens[i++]);

  while (i < tokens.length) {
    const token = tokens[i]!;
    if (/^[a-zA-Z]$/.test(token)) {
      command = token;
      i++;
      if (command === "z" || command === "Z") {
        x = startX;
        y = startY;
        continue;
      }
    } else if (!command) {
      return [];
    }
    const lower = command.toLowerCase();
    const arity = ARITY[lower];
    if (arity === undefined || arity === 0) return [];
    if (i + arity > tokens.length) break;
    const relative = command === lower;
    const ox = relative ? x : 0;
    const oy = relative ? y : 0;
    if (lower === "m") {
      x = ox + number();
      y = oy + number();
      startX = x;
      startY = y;
      if (current && !isEmptyRect(current)) result.push(current);
      current = emptyRect();
      extendRect(current, x, y);
      // Further pairs after a move are line-tos.
      command = relative ? "l" : "L";
      continue;
    }
    current ??= emptyRect();
    switch (lower) {
      case "l":
      case "t":
        x = ox + number();
        y = oy + number();
        break;
      case "h":
        x = ox + number();
        break;
      case "v":
        y = (relative ? y : 0) + number();
        break;
      case "c":
      case "s":
      case "q": {
        const pairs = arity / 2;
        for (let p = 0; p < pairs - 1; p++) extendRect(current, ox + number(), oy + number());
        x = ox + number();
        y = oy + number();
        break;
      }
      case "a": {
        const rx = Math.abs(number());
        const ry = Math.abs(number());
        i += 3; // rotation, large-arc and sweep flags
        const fromX = x;
        const fromY = y;
        x = ox + number();
        y = oy + number();
        // The arc bulges at most one radius beyond the chord between its end points.
        const r = Math.max(rx, ry);
        const midX = (fromX + x) / 2;
        const midY = (fromY + y) / 2;
        const chord = Math.hypot(x - fromX, y - fromY) || 1;
        const normalX = -(y - fromY) / chord;
        const normalY = (x - fromX) / chord;
        const bulge = Math.min(r, chord / 2) * 0.42;
        extendRect(current, midX + normalX * bulge, midY + normalY * bulge);
        extendRect(current, midX - normalX * bulge, midY - normalY * bulge);
        break;
      }
    }
    extendRect(current, x, y);
  }
  if (current && !isEmptyRect(current)) result.push(current);
  return result;
}
