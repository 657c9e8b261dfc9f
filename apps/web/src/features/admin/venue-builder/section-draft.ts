import { sectionSpec, type SectionSpec } from "@frontrow/validators";

export type SectionShape = "straight" | "angled" | "curved";
export type SectionKind = SectionSpec["kind"];

/**
 * One section of the generator form, as typed: every field is kept as text (and kept across kind and shape
 * changes) so nothing typed is lost while it is not yet valid.
 */
export interface SectionDraft {
  key: string;
  kind: SectionKind;
  name: string;
  shape: SectionShape;
  rows: string;
  seatsPerRow: string;
  extraSeatsPerRow: string;
  originX: string;
  originY: string;
  facingDegrees: string;
  centerX: string;
  centerY: string;
  radius: string;
  startDegrees: string;
  endDegrees: string;
  rowLabels: "letters" | "numbers";
  numbering: "left_to_right" | "right_to_left";
  aisleAfterSeats: string;
  capacity: string;
  areaX: string;
  areaY: string;
  areaWidth: string;
  areaHeight: string;
}

export type DraftField = Exclude<keyof SectionDraft, "key" | "kind" | "shape" | "rowLabels" | "numbering">;
export type DraftErrors = Partial<Record<DraftField | "section", string>>;

let nextKey = 0;
const newKey = () => `section-${++nextKey}`;

const text = (value: number) => String(Math.round(value * 100) / 100);

/** A 10 × 20 block of straight rows facing up the map, its front row centred on `at`; other shapes preset nearby. */
export function defaultSectionDraft(name: string, at: { x: number; y: number }): SectionDraft {
  return {
    key: newKey(),
    kind: "reserved",
    name,
    shape: "straight",
    rows: "10",
    seatsPerRow: "20",
    extraSeatsPerRow: "1",
    originX: text(at.x),
    originY: text(at.y),
    facingDegrees: "-90",
    // Curved: an arc round a point above, its front row passing through `at`.
    centerX: text(at.x),
    centerY: text(Math.max(0, at.y - 20)),
    radius: "20",
    startDegrees: "60",
    endDegrees: "120",
    rowLabels: "letters",
    numbering: "left_to_right",
    aisleAfterSeats: "",
    capacity: "500",
    areaX: text(Math.max(0, at.x - 15)),
    areaY: text(at.y),
    areaWidth: "30",
    areaHeight: "12",
  };
}

/** "Stalls" → "Stalls 2" (or the next free number). */
export function nextSectionName(base: string, taken: ReadonlySet<string>): string {
  const stem = base.trim().replace(/\s+\d+$/, "") || "Section";
  for (let n = 2; ; n++) {
    const candidate = `${stem} ${n}`.slice(0, 40);
    if (!taken.has(candidate)) return candidate;
  }
}

/** A copy placed beside the original: along its rows, round its arc, or to the right of its area. */
export function duplicateSectionDraft(draft: SectionDraft, taken: ReadonlySet<string>): SectionDraft {
  const copy = { ...draft, key: newKey(), name: nextSectionName(draft.name, taken) };
  const num = (value: string) => Number(value);
  if (draft.kind === "general_admission") {
    if (Number.isFinite(num(draft.areaX)) && Number.isFinite(num(draft.areaWidth))) {
      copy.areaX = text(num(draft.areaX) + num(draft.areaWidth) + 2);
    }
    return copy;
  }
  if (draft.shape === "curved") {
    const start = num(draft.startDegrees);
    const end = num(draft.endDegrees);
    if (Number.isFinite(start) && Number.isFinite(end) && end > start) {
      copy.startDegrees = text(end + 2);
      copy.endDegrees = text(end + 2 + (end - start));
    }
    return copy;
  }
  const facing = (num(draft.facingDegrees) * Math.PI) / 180;
  const width =
    num(draft.seatsPerRow) +
    num(draft.rows) * (draft.shape === "angled" ? num(draft.extraSeatsPerRow) || 0 : 0);
  if (Number.isFinite(facing) && Number.isFinite(width)) {
    // A fan's right hand on a map whose y axis points down.
    const right = { x: -Math.sin(facing), y: Math.cos(facing) };
    const step = width + 3;
    copy.originX = text(num(draft.originX) + right.x * step);
    copy.originY = text(num(draft.originY) + right.y * step);
  }
  return copy;
}

type NumberRule = { min: number; max: number; integer?: boolean; message: string };

const RULES: Partial<Record<DraftField, NumberRule>> = {
  rows: { min: 1, max: 100, integer: true, message: "Between 1 and 100 rows" },
  seatsPerRow: { min: 1, max: 200, integer: true, message: "Between 1 and 200 seats" },
  extraSeatsPerRow: { min: 0, max: 10, message: "Between 0 and 10 seats" },
  originX: { min: 0, max: 10_000, message: "A position from 0 to 10,000" },
  originY: { min: 0, max: 10_000, message: "A position from 0 to 10,000" },
  facingDegrees: { min: -360, max: 360, message: "An angle from -360 to 360" },
  centerX: { min: 0, max: 10_000, message: "A position from 0 to 10,000" },
  centerY: { min: 0, max: 10_000, message: "A position from 0 to 10,000" },
  radius: { min: 1, max: 5_000, message: "A distance from 1 to 5,000" },
  startDegrees: { min: -720, max: 720, message: "An angle from -720 to 720" },
  endDegrees: { min: -720, max: 720, message: "An angle from -720 to 720" },
  capacity: { min: 1, max: 100_000, integer: true, message: "Between 1 and 100,000 places" },
  areaX: { min: 0, max: 10_000, message: "A position from 0 to 10,000" },
  areaY: { min: 0, max: 10_000, message: "A position from 0 to 10,000" },
  areaWidth: { min: 0.1, max: 10_000, message: "A width above 0" },
  areaHeight: { min: 0.1, max: 10_000, message: "A height above 0" },
};

function readNumber(draft: SectionDraft, field: DraftField, errors: DraftErrors): number {
  const raw = draft[field].trim();
  const value = Number(raw);
  const rule = RULES[field]!;
  if (raw === "" || !Number.isFinite(value)) errors[field] = "Enter a number";
  else if (value < rule.min || value > rule.max || (rule.integer && !Number.isInteger(value)))
    errors[field] = rule.message;
  return value;
}

/** "5, 10" → [5, 10]; errors name what is wrong. */
function readAisles(raw: string, errors: DraftErrors): number[] {
  const parts = raw
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  const numbers = parts.map(Number);
  if (numbers.some((n) => !Number.isInteger(n) || n < 1 || n > 199)) {
    errors.aisleAfterSeats = "Seat numbers from 1 to 199, separated by commas";
  } else if (numbers.length > 20) {
    errors.aisleAfterSeats = "At most 20 aisles";
  }
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/**
 * The section spec the API takes, or the errors to show next to each field (with human words; the shared
 * schema is the final check).
 */
export function sectionSpecFromDraft(draft: SectionDraft): { spec: SectionSpec | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const name = draft.name.trim();
  if (!name) errors.name = "Name the section";
  else if (name.length > 40) errors.name = "At most 40 characters";
  let candidate: unknown;
  if (draft.kind === "general_admission") {
    candidate = {
      kind: "general_admission",
      name,
      capacity: readNumber(draft, "capacity", errors),
      area: {
        x: readNumber(draft, "areaX", errors),
        y: readNumber(draft, "areaY", errors),
        width: readNumber(draft, "areaWidth", errors),
        height: readNumber(draft, "areaHeight", errors),
      },
    };
  } else {
    const common = {
      kind: "reserved",
      name,
      shape: draft.shape,
      rows: readNumber(draft, "rows", errors),
      seatsPerRow: draft.shape === "curved" ? 1 : readNumber(draft, "seatsPerRow", errors),
      rowLabels: draft.rowLabels,
      numbering: draft.numbering,
      aisleAfterSeats: readAisles(draft.aisleAfterSeats, errors),
    };
    if (draft.shape === "curved") {
      const start = readNumber(draft, "startDegrees", errors);
      const end = readNumber(draft, "endDegrees", errors);
      if (!errors.startDegrees && !errors.endDegrees && end <= start)
        errors.endDegrees = "Must be more than the start angle";
      candidate = {
        ...common,
        center: { x: readNumber(draft, "centerX", errors), y: readNumber(draft, "centerY", errors) },
        radius: readNumber(draft, "radius", errors),
        startDegrees: start,
        endDegrees: end,
      };
    } else {
      candidate = {
        ...common,
        origin: { x: readNumber(draft, "originX", errors), y: readNumber(draft, "originY", errors) },
        facingDegrees: readNumber(draft, "facingDegrees", errors),
        ...(draft.shape === "angled"
          ? { extraSeatsPerRow: readNumber(draft, "extraSeatsPerRow", errors) }
          : {}),
      };
    }
  }
  if (Object.keys(errors).length > 0) return { spec: null, errors };
  const parsed = sectionSpec.safeParse(candidate);
  if (!parsed.success)
    return { spec: null, errors: { section: parsed.error.issues[0]?.message ?? "Check this section" } };
  return { spec: parsed.data, errors };
}

/** Every section's spec and errors; duplicate names are an error on the later section. */
export function readSectionDrafts(drafts: readonly SectionDraft[]) {
  const seen = new Set<string>();
  const results = drafts.map((draft) => {
    const result = sectionSpecFromDraft(draft);
    const name = draft.name.trim();
    if (name && seen.has(name) && !result.errors.name) {
      return { spec: null, errors: { ...result.errors, name: "Another section has this name" } };
    }
    seen.add(name);
    return result;
  });
  const specs = results.every((result) => result.spec) ? results.map((result) => result.spec!) : null;
  return { specs, errors: results.map((result) => result.errors) };
}

/** The section a server message like "Section Stalls: row A seat 1 falls outside …" is about. */
export function sectionNamedInMessage(message: string): string | null {
  return /^Section (.+?): /.exec(message)?.[1] ?? null;
}
