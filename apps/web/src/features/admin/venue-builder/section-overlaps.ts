import { sectionName } from "../../seat-map/section-name";
import type { SeatModel } from "../../seat-map/seat-model";

const inside = (x: number, y: number, r: { minX: number; minY: number; maxX: number; maxY: number }) =>
  x > r.minX && x < r.maxX && y > r.minY && y < r.maxY;

/**
 * Pairs of sections drawn on top of each other: a seat closer than half a seat's spacing to a seat of another
 * section, a seat inside a standing area, or two standing areas crossing. Fans could not tell such seats apart.
 */
export function overlappingSections(model: SeatModel): Array<[string, string]> {
  const pairs = new Map<string, [string, string]>();
  const add = (a: number, b: number) => {
    const [first, second] = a < b ? [a, b] : [b, a];
    const key = `${first}|${second}`;
    if (!pairs.has(key)) pairs.set(key, [sectionName(model.sections[first]!.name), sectionName(model.sections[second]!.name)]);
  };
  const standing = model.sections.filter((section) => section.kind === "general_admission" && section.bounds);
  for (let i = 0; i < model.count; i++) {
    const own = model.sectionOf[i]!;
    const x = model.xs[i]!;
    const y = model.ys[i]!;
    const other = model.grid.nearest(x, y, model.pitch * 0.5, (j) => model.sectionOf[j] !== own);
    if (other >= 0) add(own, model.sectionOf[other]!);
    for (const area of standing) if (inside(x, y, area.bounds!)) add(own, area.index);
  }
  for (const [n, a] of standing.entries()) {
    for (const b of standing.slice(n + 1)) {
      const r = a.bounds!;
      const s = b.bounds!;
      if (r.minX < s.maxX && s.minX < r.maxX && r.minY < s.maxY && s.minY < r.maxY) add(a.index, b.index);
    }
  }
  return [...pairs.values()];
}
