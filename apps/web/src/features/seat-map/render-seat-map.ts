import { formatCount } from "../../lib/format";
import { insideOutline } from "./hit-test";
import type { MapDetail } from "./map-view";
import { rectHeight, rectWidth, type Rect } from "./rect";
import {
  AVAILABLE,
  FLAG_ACCESSIBLE,
  FLAG_RESTRICTED,
  SEAT_STATUSES,
  type SeatModel,
  type SectionInfo,
} from "./seat-model";
import { sectionName } from "./section-name";
import { placeSectionTag } from "./section-tag";
import { seatRadiusPx } from "./seat-radius";
import type { SeatStatus } from "./types";
import { visibleWorldRect, type Size, type Viewport } from "./viewport";

/** A seat's colour when its price tier names none (and of every seat of a venue that has no prices yet). */
export const DEFAULT_SEAT_COLOR = "#7c6cf0";

/** Colours of the map; the legend uses the same ones. */
export const MAP_COLORS = {
  background: "#fbfaff",
  floor: "#eeecf6",
  floorEdge: "#dcd8ea",
  stage: "#2b2842",
  stageText: "#ffffff",
  taken: "#cfccdb",
  takenEdge: "#bdb9cc",
  soldOutSection: "#e6e4ee",
  mine: "#16132b",
  /** Seats on sale again from a fan's resale listing: a ring of this colour around the tier's fill. */
  resale: "#0b8a6f",
  ring: "#16132b",
  focus: "#5b3df5",
  label: "#16132b",
  labelMuted: "#4a4760",
  halo: "rgba(251, 250, 255, 0.92)",
} as const;

const FONT = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const TWO_PI = Math.PI * 2;

/** What, besides the seats' statuses, changes how the map looks. */
export interface SeatMapDecorations {
  selected: ReadonlySet<number>;
  /** Seats this fan holds. */
  mine: ReadonlySet<number>;
  /** Keyboard focus (a seat index) and whether to draw its ring. */
  focus: number;
  showFocus: boolean;
  hoverSeat: number;
  hoverSection: number;
  /** A general-admission section open in the panel. */
  activeSection: number;
}

/** The decorations as a string: equal strings draw the same. */
export function decorationKeyOf(decorations: SeatMapDecorations): string {
  const { selected, mine, focus, showFocus, hoverSeat, hoverSection, activeSection } = decorations;
  return [
    [...selected].join(","),
    [...mine].join(","),
    focus,
    showFocus,
    hoverSeat,
    hoverSection,
    activeSection,
  ].join("|");
}

/** A colour for each status a seat can be in besides available (which takes its price tier's colour). */
export type SeatStatusColors = Readonly<Record<Exclude<SeatStatus, "available" | "resale">, string>>;

export interface RenderInput {
  model: SeatModel;
  viewport: Viewport;
  size: Size;
  dpr: number;
  detail: MapDetail;
  decorations: SeatMapDecorations;
  /** Tells held, sold and blocked seats apart; without it they are all `MAP_COLORS.taken`, as fans see them. */
  statusColors?: SeatStatusColors;
}

function tierColor(model: SeatModel, tierIndex: number): string {
  return model.tiers[tierIndex]?.color ?? DEFAULT_SEAT_COLOR;
}

function takenColor(statusCode: number, statusColors: SeatStatusColors | undefined): string {
  const status = SEAT_STATUSES[statusCode];
  return statusColors && status && status !== "available" ? statusColors[status] : MAP_COLORS.taken;
}

/** Screen-space rectangle of a label, for collision checks. */
interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

class LabelPlacer {
  private readonly boxes: Box[] = [];

  constructor(private readonly size: Size) {}

  /** Reserves the box if it is on screen and free. */
  tryPlace(box: Box): boolean {
    if (box.x1 < 0 || box.y1 < 0 || box.x0 > this.size.width || box.y0 > this.size.height) return false;
    if (this.boxes.some((other) => overlaps(other, box))) return false;
    this.boxes.push(box);
    return true;
  }
}

function sectionFill(model: SeatModel, section: SectionInfo): { color: string; alpha: number } {
  const capacity =
    section.kind === "general_admission" ? section.capacity : section.seatCount || section.capacity;
  if (section.available <= 0) return { color: MAP_COLORS.soldOutSection, alpha: 1 };
  const ratio = capacity > 0 ? Math.min(1, section.available / capacity) : 1;
  return { color: tierColor(model, section.tierIndex), alpha: 0.3 + 0.7 * ratio };
}

function availabilityText(section: SectionInfo): string {
  return section.available > 0 ? `${formatCount(section.available)} left` : "Sold out";
}

function drawStage(ctx: CanvasRenderingContext2D, input: RenderInput, placer: LabelPlacer): void {
  const { model, viewport } = input;
  if (model.stage.length === 0) return;
  const ordered = [...model.stage].sort(
    (a, b) => rectWidth(b.bounds) * rectHeight(b.bounds) - rectWidth(a.bounds) * rectHeight(a.bounds),
  );
  const stage = ordered[ordered.length - 1]!;
  const lineWidth = 1 / viewport.scale;
  for (const shape of ordered) {
    if (!shape.path) continue;
    const isStage = shape === stage;
    ctx.fillStyle = isStage ? MAP_COLORS.stage : MAP_COLORS.floor;
    ctx.fill(shape.path);
    if (!isStage) {
      ctx.lineWidth = lineWidth;
      ctx.strokeStyle = MAP_COLORS.floorEdge;
      ctx.stroke(shape.path);
    }
  }
  // Label the stage (the smallest shape: a stage deck on an arena floor), in screen space.
  const b = stage.bounds;
  const width = rectWidth(b) * viewport.scale;
  const height = rectHeight(b) * viewport.scale;
  if (width < 28 || height < 12) return;
  const cx = ((b.minX + b.maxX) / 2) * viewport.scale + viewport.x;
  const cy = ((b.minY + b.maxY) / 2) * viewport.scale + viewport.y;
  const fontSize = Math.max(10, Math.min(16, height * 0.3, width * 0.22));
  ctx.save();
  ctx.setTransform(input.dpr, 0, 0, input.dpr, 0, 0);
  ctx.font = `700 ${fontSize}px ${FONT}`;
  const text = "Stage";
  const labelWidth = textWidth(ctx, ctx.font, text);
  const vertical = height > width * 1.4 && labelWidth > width * 0.9;
  placer.tryPlace({ x0: cx - labelWidth / 2, y0: cy - fontSize, x1: cx + labelWidth / 2, y1: cy + fontSize });
  ctx.translate(cx, cy);
  if (vertical) ctx.rotate(-Math.PI / 2);
  ctx.fillStyle = MAP_COLORS.stageText;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(text, 0, 0);
  ctx.restore();
}

function drawSectionShapes(ctx: CanvasRenderingContext2D, input: RenderInput): void {
  const { model, viewport, detail, decorations } = input;
  const px = 1 / viewport.scale;
  for (const section of model.sections) {
    if (!section.outline) continue;
    const hovered = decorations.hoverSection === section.index;
    const active = decorations.activeSection === section.index;
    if (detail === "overview" || section.kind === "general_admission") {
      const { color, alpha } = sectionFill(model, section);
      ctx.globalAlpha = alpha;
      ctx.fillStyle = color;
      ctx.fill(section.outline);
      ctx.globalAlpha = 1;
      ctx.lineWidth = (hovered || active ? 2.5 : 1) * px;
      ctx.strokeStyle = hovered || active ? MAP_COLORS.ring : "#ffffff";
      ctx.stroke(section.outline);
    } else {
      ctx.globalAlpha = 0.07;
      ctx.fillStyle = tierColor(model, section.tierIndex);
      ctx.fill(section.outline);
      ctx.globalAlpha = 1;
      ctx.lineWidth = px;
      ctx.strokeStyle = "rgba(22, 19, 43, 0.14)";
      ctx.stroke(section.outline);
    }
  }
}

function labelBox(cx: number, cy: number, width: number, height: number, pad = 3): Box {
  return {
    x0: cx - width / 2 - pad,
    y0: cy - height / 2 - pad,
    x1: cx + width / 2 + pad,
    y1: cy + height / 2 + pad,
  };
}

/** Text widths, remembered: labels are laid out again whenever the view moves. */
const CACHE_LIMIT = 2_000;
const textWidths = new Map<string, number>();

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    value = make();
    cache.set(key, value);
  }
  return value;
}

function textWidth(ctx: CanvasRenderingContext2D, font: string, text: string): number {
  return remember(textWidths, `${font}|${text}`, () => {
    ctx.font = font;
    return ctx.measureText(text).width;
  });
}

/**
 * One label to draw: placed once per view (placing means measuring and testing outlines), drawn on every repaint.
 * `text` is read at each repaint, so counts stay current while the seats change.
 */
interface LabelOp {
  font: string;
  color: string;
  x: number;
  y: number;
  text: () => string;
  /** A tag: a dark rounded box behind white text, `width` wide. */
  tagWidth?: number;
}

const NAME_FONT = `700 12px ${FONT}`;
const COUNT_FONT = `500 10px ${FONT}`;
const TAG_HEIGHT = 20;

/** The label layout of a model for one view; a new view (or size, or detail) places the labels again. */
const labelPlans = new WeakMap<SeatModel, { key: string; ops: LabelOp[] }>();

function drawLabelOps(ctx: CanvasRenderingContext2D, ops: readonly LabelOp[]): void {
  let font = "";
  for (const op of ops) {
    if (op.font !== font) ctx.font = font = op.font;
    const text = op.text();
    if (op.tagWidth !== undefined) {
      ctx.beginPath();
      ctx.roundRect(op.x - op.tagWidth / 2, op.y - TAG_HEIGHT / 2, op.tagWidth, TAG_HEIGHT, TAG_HEIGHT / 2);
      ctx.fillStyle = "rgba(22, 19, 43, 0.82)";
      ctx.fill();
      ctx.fillStyle = op.color;
      ctx.fillText(text, op.x, op.y + 0.5);
      continue;
    }
    ctx.lineWidth = 3;
    ctx.strokeStyle = MAP_COLORS.halo;
    ctx.strokeText(text, op.x, op.y);
    ctx.fillStyle = op.color;
    ctx.fillText(text, op.x, op.y);
  }
}

/** Close up, a section's name sits in a tag beside its seats (see placeSectionTag), never over a seat. */
function planSectionTag(
  ctx: CanvasRenderingContext2D,
  section: SectionInfo,
  input: RenderInput,
  placer: LabelPlacer,
): LabelOp | null {
  const text = sectionName(section.name);
  const width = textWidth(ctx, NAME_FONT, text) + 14;
  const at = placeSectionTag(input.model, section, input.viewport, input.size, { width, height: TAG_HEIGHT });
  if (!at || !placer.tryPlace(labelBox(at.x, at.y, width, TAG_HEIGHT, 2))) return null;
  return { font: NAME_FONT, color: "#ffffff", x: at.x, y: at.y, text: () => text, tagWidth: width };
}

/** Section labels: "112" over "34 left" when there is room, else just the name, else nothing. */
function planSectionLabels(
  ctx: CanvasRenderingContext2D,
  input: RenderInput,
  placer: LabelPlacer,
): LabelOp[] {
  const { model, viewport, detail } = input;
  const ops: LabelOp[] = [];
  for (const section of model.sections) {
    const isGa = section.kind === "general_admission";
    const cx = section.labelX * viewport.scale + viewport.x;
    const cy = section.labelY * viewport.scale + viewport.y;
    // Once seats are drawn, a seated section's name goes in a tag beside its seats, never over them.
    if (detail === "seats" && !isGa) {
      const tag = planSectionTag(ctx, section, input, placer);
      if (tag) ops.push(tag);
      continue;
    }
    // On the map the bare name ("112") reads best; words elsewhere say "Section 112".
    const name = section.name;
    const nameWidth = textWidth(ctx, NAME_FONT, name);
    const subWidth = textWidth(ctx, COUNT_FONT, availabilityText(section));
    // A label must fit inside its section; otherwise it would read as belonging to the neighbour.
    const fits = (halfWidth: number, halfHeight: number) => {
      const corners: Array<[number, number]> = [
        [cx - halfWidth, cy - halfHeight],
        [cx + halfWidth, cy - halfHeight],
        [cx - halfWidth, cy + halfHeight],
        [cx + halfWidth, cy + halfHeight],
      ];
      return corners.every(([x, y]) =>
        insideOutline(section, (x - viewport.x) / viewport.scale, (y - viewport.y) / viewport.scale),
      );
    };
    const twoLines = (detail === "overview" || isGa) && fits(Math.max(nameWidth, subWidth) / 2 + 2.5, 13);
    if (twoLines && placer.tryPlace(labelBox(cx, cy, Math.max(nameWidth, subWidth), 26, 1))) {
      ops.push({ font: NAME_FONT, color: MAP_COLORS.label, x: cx, y: cy - 7, text: () => name });
      ops.push({
        font: COUNT_FONT,
        color: MAP_COLORS.labelMuted,
        x: cx,
        y: cy + 7,
        text: () => availabilityText(section),
      });
    } else if (
      (detail === "seats" || fits(nameWidth / 2 - 3, 4)) &&
      placer.tryPlace(labelBox(cx, cy, nameWidth, 14, 2))
    ) {
      ops.push({ font: NAME_FONT, color: MAP_COLORS.label, x: cx, y: cy, text: () => name });
    }
  }
  // Drawn by font, so the context's font changes twice a repaint rather than twice a label.
  return ops.sort((a, b) => (a.font === b.font ? 0 : a.font === NAME_FONT ? -1 : 1));
}

function drawSectionLabels(ctx: CanvasRenderingContext2D, input: RenderInput, placer: LabelPlacer): void {
  const { model, viewport, size, detail, dpr } = input;
  const key = `${viewport.x}|${viewport.y}|${viewport.scale}|${size.width}|${size.height}|${detail}|${dpr}`;
  let plan = labelPlans.get(model);
  if (plan?.key !== key) {
    plan = { key, ops: planSectionLabels(ctx, input, placer) };
    labelPlans.set(model, plan);
  }
  ctx.save();
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  drawLabelOps(ctx, plan.ops);
  ctx.restore();
}

type SeatShape = (ctx: CanvasRenderingContext2D, x: number, y: number, r: number) => void;

const circle: SeatShape = (ctx, x, y, r) => {
  ctx.moveTo(x + r, y);
  ctx.arc(x, y, r, 0, TWO_PI);
};
const square: SeatShape = (ctx, x, y, r) => ctx.rect(x - r, y - r, r * 2, r * 2);
const roundedSquare: SeatShape = (ctx, x, y, r) => ctx.roundRect(x - r, y - r, r * 2, r * 2, r * 0.35);

/** A check mark inside a seat. */
function drawCheck(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.moveTo(x - r * 0.45, y + r * 0.02);
  ctx.lineTo(x - r * 0.12, y + r * 0.35);
  ctx.lineTo(x + r * 0.5, y - r * 0.35);
}

function addToBucket<Key>(buckets: Map<Key, number[]>, key: Key, seat: number): void {
  const list = buckets.get(key);
  if (list) list.push(seat);
  else buckets.set(key, [seat]);
}

function drawSeats(
  ctx: CanvasRenderingContext2D,
  input: RenderInput,
  onlySections?: ReadonlySet<number>,
): void {
  const { model, viewport, decorations, size } = input;
  const scale = viewport.scale;
  const r = seatRadiusPx(model.pitch, scale);
  const tiny = r < 2.2;
  const visible = visibleWorldRect(viewport, size);
  const margin = model.pitch;
  const area: Rect = {
    minX: visible.minX - margin,
    minY: visible.minY - margin,
    maxX: visible.maxX + margin,
    maxY: visible.maxY + margin,
  };

  // Bucket the visible seats by fill so each colour is one path and one fill call.
  const byTier = new Map<number, number[]>();
  const takenByColor = new Map<string, number[]>();
  const mine: number[] = [];
  const marked: number[] = [];
  const resale: number[] = [];
  model.grid.forEachNear(area, (i) => {
    const x = model.xs[i]!;
    const y = model.ys[i]!;
    if (x < area.minX || x > area.maxX || y < area.minY || y > area.maxY) return;
    if (onlySections && !onlySections.has(model.sectionOf[i]!)) return;
    const status = model.status[i]!;
    if (status !== AVAILABLE) {
      if (decorations.mine.has(i) && status === 1) mine.push(i);
      else addToBucket(takenByColor, takenColor(status, input.statusColors), i);
    } else {
      addToBucket(byTier, model.tierOf[i]!, i);
      if (model.resale[i] === 1) resale.push(i);
    }
    if (model.flags[i]! & (FLAG_ACCESSIBLE | FLAG_RESTRICTED)) marked.push(i);
  });

  ctx.save();
  ctx.setTransform(input.dpr, 0, 0, input.dpr, 0, 0);
  const vx = viewport.x;
  const vy = viewport.y;
  const fillBucket = (list: number[], color: string) => {
    if (list.length === 0) return;
    ctx.beginPath();
    for (const i of list) {
      const sx = model.xs[i]! * scale + vx;
      const sy = model.ys[i]! * scale + vy;
      const shape = tiny ? square : model.flags[i]! & FLAG_ACCESSIBLE && r >= 3 ? roundedSquare : circle;
      shape(ctx, sx, sy, r);
    }
    ctx.fillStyle = color;
    ctx.fill();
  };
  for (const [tier, list] of byTier) fillBucket(list, tierColor(model, tier));
  for (const [color, list] of takenByColor) fillBucket(list, color);
  fillBucket(mine, MAP_COLORS.mine);
  // Resale seats: a ring around the tier's fill, so the price tier still shows.
  if (resale.length > 0 && !tiny) {
    ctx.beginPath();
    for (const i of resale) {
      const sx = model.xs[i]! * scale + vx;
      const sy = model.ys[i]! * scale + vy;
      ctx.moveTo(sx + r + 1, sy);
      ctx.arc(sx, sy, r + 1, 0, Math.PI * 2);
    }
    ctx.strokeStyle = MAP_COLORS.resale;
    ctx.lineWidth = Math.max(1.5, r * 0.35);
    ctx.stroke();
  }

  const at = (i: number) => ({ x: model.xs[i]! * scale + vx, y: model.ys[i]! * scale + vy });

  // Markers inside seats once they are big enough to read.
  if (r >= 4.5 && marked.length > 0) {
    ctx.fillStyle = "#ffffff";
    ctx.strokeStyle = "#ffffff";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.font = `700 ${Math.round(r * 1.25)}px ${FONT}`;
    ctx.lineWidth = Math.max(1.2, r * 0.22);
    ctx.lineCap = "round";
    for (const i of marked) {
      const { x, y } = at(i);
      const flags = model.flags[i]!;
      if (flags & FLAG_ACCESSIBLE) {
        ctx.fillText("♿", x, y + r * 0.06);
      } else if (flags & FLAG_RESTRICTED) {
        ctx.beginPath();
        ctx.moveTo(x - r * 0.5, y + r * 0.5);
        ctx.lineTo(x + r * 0.5, y - r * 0.5);
        ctx.stroke();
      }
    }
  }

  if (r >= 3 && mine.length > 0) {
    ctx.strokeStyle = "#ffffff";
    ctx.lineWidth = Math.max(1.2, r * 0.24);
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    for (const i of mine) {
      const { x, y } = at(i);
      drawCheck(ctx, x, y, r);
    }
    ctx.stroke();
  }

  // Selected seats: a white gap and a dark ring around the seat's own colour.
  if (decorations.selected.size > 0) {
    const ring = Math.max(1.5, Math.min(3, r * 0.3));
    ctx.beginPath();
    for (const i of decorations.selected) {
      const { x, y } = at(i);
      circle(ctx, x, y, r + ring * 0.5 + 1);
    }
    ctx.lineWidth = 2;
    ctx.strokeStyle = "#ffffff";
    ctx.stroke();
    ctx.beginPath();
    for (const i of decorations.selected) {
      const { x, y } = at(i);
      circle(ctx, x, y, r + ring + 1.5);
    }
    ctx.lineWidth = ring;
    ctx.strokeStyle = MAP_COLORS.ring;
    ctx.stroke();
  }

  if (decorations.hoverSeat >= 0 && !decorations.selected.has(decorations.hoverSeat)) {
    const { x, y } = at(decorations.hoverSeat);
    ctx.beginPath();
    circle(ctx, x, y, r + 2);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = "rgba(22, 19, 43, 0.65)";
    ctx.stroke();
  }

  if (decorations.showFocus && decorations.focus >= 0 && decorations.focus < model.count) {
    const { x, y } = at(decorations.focus);
    ctx.beginPath();
    circle(ctx, x, y, Math.max(r + 5, 8));
    ctx.lineWidth = 3;
    ctx.strokeStyle = "#ffffff";
    ctx.stroke();
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = MAP_COLORS.focus;
    ctx.stroke();
  }
  ctx.restore();
}

/** At overview zoom, the fan's selected and held seats still show as small dark dots. */
function drawOverviewMarkers(ctx: CanvasRenderingContext2D, input: RenderInput): void {
  const { model, viewport, decorations } = input;
  if (decorations.selected.size === 0 && decorations.mine.size === 0) return;
  ctx.save();
  ctx.setTransform(input.dpr, 0, 0, input.dpr, 0, 0);
  ctx.beginPath();
  for (const i of [...decorations.selected, ...decorations.mine]) {
    if (decorations.mine.has(i) && model.status[i] !== 1) continue;
    circle(ctx, model.xs[i]! * viewport.scale + viewport.x, model.ys[i]! * viewport.scale + viewport.y, 3);
  }
  ctx.fillStyle = MAP_COLORS.mine;
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = "#ffffff";
  ctx.stroke();
  ctx.restore();
}

/**
 * Draws the whole map for one frame: floor and stage, sections (as availability at overview zoom, as faint
 * outlines at seat zoom), seats bucketed by colour, then labels. Called from requestAnimationFrame only when
 * something changed.
 */
export function renderSeatMap(ctx: CanvasRenderingContext2D, input: RenderInput): void {
  const { viewport, size, dpr, detail, model } = input;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = MAP_COLORS.background;
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  const placer = new LabelPlacer(size);

  ctx.setTransform(dpr * viewport.scale, 0, 0, dpr * viewport.scale, dpr * viewport.x, dpr * viewport.y);
  ctx.lineJoin = "round";
  drawStage(ctx, input, placer);
  ctx.setTransform(dpr * viewport.scale, 0, 0, dpr * viewport.scale, dpr * viewport.x, dpr * viewport.y);
  drawSectionShapes(ctx, input);

  if (detail === "seats") {
    drawSeats(ctx, input);
  } else {
    // Sections without an outline show their seats as dots even when zoomed out.
    const bare = new Set(model.sections.filter((s) => !s.outline && s.seatCount > 0).map((s) => s.index));
    if (bare.size > 0) drawSeats(ctx, input, bare);
    drawOverviewMarkers(ctx, input);
  }
  drawSectionLabels(ctx, input, placer);
}
