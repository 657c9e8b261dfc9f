import { describe, expect, it } from "vitest";
import { leftWords } from "./left-words";
import { SeatModel } from "./seat-model";
import { seatRadiusPx } from "./seat-radius";
import { placeSectionTag } from "./section-tag";
import { snapshot } from "./test-snapshot";

/** Every seat the tag would hide, at least partly, as the map draws seats. */
function seatsUnder(model: SeatModel, viewport: { x: number; y: number; scale: number }, at: { x: number; y: number }, tag: { width: number; height: number }) {
  const r = seatRadiusPx(model.pitch, viewport.scale);
  const hidden: number[] = [];
  for (let i = 0; i < model.count; i++) {
    const sx = model.xs[i]! * viewport.scale + viewport.x;
    const sy = model.ys[i]! * viewport.scale + viewport.y;
    const dx = Math.max(at.x - tag.width / 2 - sx, 0, sx - (at.x + tag.width / 2));
    const dy = Math.max(at.y - tag.height / 2 - sy, 0, sy - (at.y + tag.height / 2));
    if (dx * dx + dy * dy < r * r) hidden.push(i);
  }
  return hidden;
}

describe("section name tags on the seat map", () => {
  const tag = { width: 60, height: 20 };
  const size = { width: 800, height: 600 };

  it("puts a section's tag just above its seats when the aisle is free", () => {
    const model = SeatModel.fromSnapshot(snapshot([{ name: "Stalls", top: 100, rows: 3 }]));
    const viewport = { x: 0, y: 0, scale: 3 };
    const at = placeSectionTag(model, model.sections[0]!, viewport, size, tag)!;
    expect(at).not.toBeNull();
    expect(at.y).toBeLessThan(100 * 3);
    expect(seatsUnder(model, viewport, at, tag)).toEqual([]);
  });

  it("never puts it over the seats of the section above across a narrow aisle: below its own seats instead", () => {
    // Circle's last row at y = 120, Stalls' first at y = 132: at this zoom the gap is narrower than a tag.
    const model = SeatModel.fromSnapshot(
      snapshot([
        { name: "Circle", top: 100, rows: 3 },
        { name: "Stalls", top: 132, rows: 3 },
      ]),
    );
    const viewport = { x: 0, y: 0, scale: 3 };
    const stalls = model.sections[1]!;
    const at = placeSectionTag(model, stalls, viewport, size, tag)!;
    expect(at).not.toBeNull();
    expect(seatsUnder(model, viewport, at, tag)).toEqual([]);
    expect(at.y).toBeGreaterThan(stalls.bounds!.maxY * viewport.scale);
  });

  it("draws no tag at all when every place beside the section has seats", () => {
    const model = SeatModel.fromSnapshot(
      snapshot([
        { name: "Circle", top: 100, rows: 3 },
        { name: "Stalls", top: 132, rows: 3 },
        { name: "Pit", top: 164, rows: 3 },
      ]),
    );
    const viewport = { x: 0, y: 0, scale: 3 };
    expect(placeSectionTag(model, model.sections[1]!, viewport, size, tag)).toBeNull();
  });

  it("for any zoom and pan, a tag it places hides no seat", () => {
    const model = SeatModel.fromSnapshot(
      snapshot([
        { name: "Circle", top: 60, rows: 4 },
        { name: "Stalls", top: 110, rows: 5 },
        { name: "Pit", top: 175, rows: 2 },
      ]),
    );
    let placed = 0;
    for (const scale of [0.8, 1.5, 2, 3, 4.5, 7]) {
      for (const x of [-600, -200, 0, 150]) {
        for (const y of [-700, -300, -100, 0, 200]) {
          const viewport = { x, y, scale };
          for (const section of model.sections) {
            const at = placeSectionTag(model, section, viewport, size, tag);
            if (!at) continue;
            placed++;
            expect(seatsUnder(model, viewport, at, tag), `${section.name} at ${JSON.stringify(viewport)}`).toEqual([]);
          }
        }
      }
    }
    expect(placed).toBeGreaterThan(20);
  });
});

describe("what is left on the map, seats and standing places apart", () => {
  it("never counts standing places as seats", () => {
    const model = SeatModel.fromSnapshot(
      snapshot([{ name: "Stalls", top: 100, rows: 2, taken: 3 }], [{ name: "Floor", capacity: 500, available: 420 }]),
    );
    expect(model.availableByKind()).toEqual({ seats: 17, standing: 420 });
    expect(leftWords(model.availableByKind())).toBe("17 seats and 420 standing places left");
  });

  it("names a standing-only venue in places, and one of each in the singular", () => {
    expect(leftWords({ seats: 0, standing: 1_200 })).toBe("1,200 standing places left");
    expect(leftWords({ seats: 1, standing: 1 })).toBe("1 seat and 1 standing place left");
    expect(leftWords({ seats: 0, standing: 0 })).toBe("0 seats left");
  });
});
