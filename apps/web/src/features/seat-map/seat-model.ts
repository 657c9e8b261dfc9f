import { subpathBounds } from "./path-bounds";
import { emptyRect, extendRect, isEmptyRect, padRect, unionRect, type Rect } from "./rect";
import { Paced } from "./paced";
import { SpatialGrid } from "./spatial-grid";
import type { SeatChangeMessage, SeatMapSnapshot, SeatStatus, SnapshotSection } from "./types";

export const SEAT_STATUSES = [
  "available",
  "held",
  "sold",
  "blocked",
] as const satisfies readonly SeatStatus[];
export const AVAILABLE = 0;
const SUMMARY_INTERVAL_MS = 1_000;
const REDRAW_INTERVAL_MS = 250;
// A resale seat is available (code 0) with a mark of its own (`SeatModel.resale`): every rule for free seats holds.
const STATUS_CODE: Record<SeatStatus, number> = { available: 0, held: 1, sold: 2, blocked: 3, resale: 0 };

export const FLAG_ACCESSIBLE = 1;
export const FLAG_COMPANION = 2;
export const FLAG_RESTRICTED = 4;

export interface TierInfo {
  id: string;
  name: string;
  priceCents: number;
  color: string;
}

export interface RowInfo {
  name: string;
  /** Seat indexes ordered by seat number. */
  seats: number[];
}

export interface SectionInfo {
  index: number;
  id: string;
  name: string;
  kind: SnapshotSection["kind"];
  capacity: number;
  /** Live count of what is left (seats, or places for general admission). */
  available: number;
  tierIndex: number;
  outline: Path2D | null;
  labelX: number;
  labelY: number;
  /** Where the section is on the map: its outline, or its seats; null when it has neither. */
  bounds: Rect | null;
  rows: RowInfo[];
  seatCount: number;
}

export interface StageShape {
  path: Path2D | null;
  bounds: Rect;
}

/** What one batch of live changes did to seats the fan might care about. */
export interface AppliedChanges {
  /** Seats that were available and now are not. */
  taken: number[];
  /** Seats that were not available and now are. */
  released: number[];
}

function makePath(d: string): Path2D | null {
  if (!d.trim() || typeof Path2D === "undefined") return null;
  try {
    return new Path2D(d);
  } catch {
    return null;
  }
}

const rowCollator = new Intl.Collator(undefined, { numeric: true });

/** Row names in reading order: A…Z before AA, 2 before 10 (one collator: localeCompare with options builds one per call). */
function compareRowNames(a: string, b: string): number {
  return a.length - b.length || rowCollator.compare(a, b);
}

/**
 * What a SeatModel is built from: the seats as parallel columns (the layout's wire shape), their statuses, and
 * what is left per section. `ids` may be missing: fans' maps address seats by layout index and never load them.
 */
export interface SeatColumns {
  eventId: string;
  /** The layout version the seat indexes belong to. */
  version: string;
  seq: number;
  venue: SeatMapSnapshot["venue"];
  tiers: readonly TierInfo[];
  sections: ReadonlyArray<Omit<SnapshotSection, "available"> & { available: number }>;
  count: number;
  ids: string[] | null;
  rowNames: readonly string[];
  rowOf: ArrayLike<number>;
  number: ArrayLike<number>;
  xs: Float64Array;
  ys: Float64Array;
  sectionOf: ArrayLike<number>;
  /** A tier index, or -1 for the section's tier. */
  tierOf: ArrayLike<number>;
  flags: ArrayLike<number>;
  status: Uint8Array;
  /** 1 for a seat on sale again from a fan's resale listing (kept while it is held, dropped once sold or blocked). */
  resale?: Uint8Array;
}

/** The columns of a whole snapshot of seat objects (the admin console's layouts). */
export function columnsOfSnapshot(snapshot: SeatMapSnapshot & { version?: string }): SeatColumns {
  const count = snapshot.seats.length;
  const sectionIndexById = new Map(snapshot.sections.map((section, index) => [section.id, index]));
  const tierIndexById = new Map(snapshot.tiers.map((tier, index) => [tier.id, index]));
  const rowNames: string[] = [];
  const rowIndexByName = new Map<string, number>();
  const columns: SeatColumns = {
    eventId: snapshot.eventId,
    version: snapshot.version ?? "",
    seq: snapshot.seq,
    venue: snapshot.venue,
    tiers: snapshot.tiers,
    sections: snapshot.sections,
    count,
    ids: snapshot.seats.map((seat) => seat.id),
    rowNames,
    rowOf: new Int32Array(count),
    number: new Int32Array(count),
    xs: new Float64Array(count),
    ys: new Float64Array(count),
    sectionOf: new Int32Array(count),
    tierOf: new Int32Array(count),
    flags: new Uint8Array(count),
    status: new Uint8Array(count),
    resale: new Uint8Array(count),
  };
  const rowOf = columns.rowOf as Int32Array;
  snapshot.seats.forEach((seat, i) => {
    let row = rowIndexByName.get(seat.row);
    if (row === undefined) {
      row = rowNames.push(seat.row) - 1;
      rowIndexByName.set(seat.row, row);
    }
    rowOf[i] = row;
    (columns.number as Int32Array)[i] = seat.number;
    columns.xs[i] = seat.x;
    columns.ys[i] = seat.y;
    (columns.sectionOf as Int32Array)[i] = sectionIndexById.get(seat.sectionId) ?? -1;
    (columns.tierOf as Int32Array)[i] = tierIndexById.get(seat.tierId) ?? -1;
    (columns.flags as Uint8Array)[i] =
      (seat.accessible ? FLAG_ACCESSIBLE : 0) | (seat.companion ? FLAG_COMPANION : 0) | (seat.restrictedView ? FLAG_RESTRICTED : 0);
    columns.status[i] = STATUS_CODE[seat.status] ?? AVAILABLE;
    if (seat.status === "resale") columns.resale![i] = 1;
  });
  return columns;
}

/**
 * The live seat map of one event, kept outside React: geometry in typed arrays, a status per seat, counts per
 * section, and a spatial grid for hit-testing. Seats are addressed by their index in the layout; their ids are
 * known only if loaded (`attachIds`). Live changes are applied in sequence order, and anyone interested
 * subscribes to the version counter (`useSyncExternalStore`).
 */
export class SeatModel {
  readonly eventId: string;
  /** The layout version the seat indexes belong to ("" for a venue layout of the admin console). */
  readonly layoutVersion: string;
  readonly venue: SeatMapSnapshot["venue"];
  readonly tiers: TierInfo[];
  readonly sections: SectionInfo[];
  readonly stage: StageShape[];
  readonly count: number;
  /** Seat ids by index, once loaded (see attachIds); null before. */
  ids: string[] | null;
  readonly rowNames: readonly string[];
  readonly rowOf: ArrayLike<number>;
  readonly seatNumber: ArrayLike<number>;
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly sectionOf: ArrayLike<number>;
  readonly tierOf: Int32Array;
  readonly flags: ArrayLike<number>;
  readonly status: Uint8Array;
  /** 1 for a resale seat (see SeatColumns.resale). */
  readonly resale: Uint8Array;
  /** The change sequence the statuses are consistent with. */
  seq: number;
  /** Typical distance between neighbouring seats, in map units. */
  readonly pitch: number;
  /** Everything drawn: venue, stage, sections and seats. */
  readonly bounds: Rect;
  readonly grid: SpatialGrid;
  private indexById: Map<string, number> | null = null;
  private readonly sectionIndexById = new Map<string, number>();
  private readonly tierIndexById = new Map<string, number>();
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private readonly drawing = new Paced(REDRAW_INTERVAL_MS, () => this.listeners.forEach((listener) => listener()), true);
  /** What the page's text shows (counts, lists) is told at most every SUMMARY_INTERVAL_MS, not every frame. */
  private summaryVersion = 0;
  private readonly summaryListeners = new Set<() => void>();
  private readonly summary = new Paced(SUMMARY_INTERVAL_MS, () => {
    this.summaryVersion = this.version;
    this.summaryListeners.forEach((listener) => listener());
  });
  private readonly changeListeners = new Set<(applied: AppliedChanges) => void>();

  static fromSnapshot(snapshot: SeatMapSnapshot & { version?: string }): SeatModel {
    return new SeatModel(columnsOfSnapshot(snapshot));
  }

  constructor(columns: SeatColumns) {
    this.eventId = columns.eventId;
    this.layoutVersion = columns.version;
    this.venue = columns.venue;
    this.seq = columns.seq;
    this.tiers = columns.tiers.map((tier) => ({ ...tier }));
    this.tiers.forEach((tier, index) => this.tierIndexById.set(tier.id, index));

    this.count = columns.count;
    this.ids = columns.ids;
    this.rowNames = columns.rowNames;
    this.rowOf = columns.rowOf;
    this.seatNumber = columns.number;
    this.xs = columns.xs;
    this.ys = columns.ys;
    this.sectionOf = columns.sectionOf;
    this.flags = columns.flags;
    this.status = columns.status;
    this.resale = columns.resale ?? new Uint8Array(columns.count);

    this.sections = columns.sections.map((section, index) => {
      this.sectionIndexById.set(section.id, index);
      return {
        index,
        id: section.id,
        name: section.name,
        kind: section.kind,
        capacity: section.capacity,
        available: section.available,
        tierIndex: this.tierIndexById.get(section.tierId) ?? -1,
        outline: makePath(section.outline),
        labelX: section.labelX,
        labelY: section.labelY,
        bounds: null,
        rows: [],
        seatCount: 0,
      } satisfies SectionInfo;
    });

    // Per-seat work in one pass over typed arrays: no object per seat.
    const count = this.count;
    this.tierOf = new Int32Array(count);
    const seatBounds = emptyRect();
    const sectionSeatBounds = this.sections.map(() => emptyRect());
    const rowsBySection = this.sections.map(() => new Map<number, number[]>());
    const { xs, ys, rowOf, sectionOf, tierOf } = columns;
    for (let i = 0; i < count; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      const sectionIndex = sectionOf[i]!;
      const tier = tierOf[i]!;
      this.tierOf[i] = tier >= 0 ? tier : sectionIndex >= 0 ? this.sections[sectionIndex]!.tierIndex : -1;
      extendRect(seatBounds, x, y);
      if (sectionIndex >= 0) {
        extendRect(sectionSeatBounds[sectionIndex]!, x, y);
        const rows = rowsBySection[sectionIndex]!;
        const row = rows.get(rowOf[i]!);
        if (row) row.push(i);
        else rows.set(rowOf[i]!, [i]);
      }
    }

    this.pitch = this.estimatePitch(seatBounds);
    this.grid = new SpatialGrid(this.xs, this.ys, seatBounds, this.pitch * 2);

    let bounds = emptyRect();
    if (this.venue.width > 0 && this.venue.height > 0) {
      bounds = { minX: 0, minY: 0, maxX: this.venue.width, maxY: this.venue.height };
    }
    if (!isEmptyRect(seatBounds)) bounds = unionRect(bounds, padRect(seatBounds, this.pitch));

    columns.sections.forEach((raw, index) => {
      const section = this.sections[index]!;
      const rows = [...rowsBySection[index]!.entries()]
        .map(([row, list]) => [this.rowNames[row] ?? "", list] as const)
        .sort(([a], [b]) => compareRowNames(a, b));
      section.rows = rows.map(([name, list]) => ({
        name,
        seats: list.sort((a, b) => this.seatNumber[a]! - this.seatNumber[b]!),
      }));
      section.seatCount = rows.reduce((sum, [, list]) => sum + list.length, 0);
      let sectionBounds = emptyRect();
      for (const part of subpathBounds(raw.outline)) sectionBounds = unionRect(sectionBounds, part);
      if (!isEmptyRect(sectionSeatBounds[index]!)) {
        sectionBounds = unionRect(sectionBounds, padRect(sectionSeatBounds[index]!, this.pitch / 2));
      }
      section.bounds = isEmptyRect(sectionBounds) ? null : sectionBounds;
      if (section.bounds) bounds = unionRect(bounds, section.bounds);
    });

    this.stage = this.buildStage(columns.venue.stage);
    for (const shape of this.stage) bounds = unionRect(bounds, shape.bounds);
    this.bounds = isEmptyRect(bounds) ? { minX: 0, minY: 0, maxX: 100, maxY: 100 } : bounds;
  }

  /** Median distance from a seat to its nearest neighbour (a sample is enough). */
  private estimatePitch(seatBounds: Rect): number {
    if (this.count < 2 || isEmptyRect(seatBounds)) return 1;
    const area = Math.max(1, (seatBounds.maxX - seatBounds.minX) * (seatBounds.maxY - seatBounds.minY));
    const guess = Math.max(0.01, Math.sqrt(area / this.count));
    const grid = new SpatialGrid(this.xs, this.ys, seatBounds, guess * 2);
    const step = Math.max(1, Math.floor(this.count / 400));
    const distances: number[] = [];
    for (let i = 0; i < this.count; i += step) {
      const x = this.xs[i]!;
      const y = this.ys[i]!;
      const nearest = grid.nearest(x, y, guess * 6, (j) => j !== i && (this.xs[j] !== x || this.ys[j] !== y));
      if (nearest >= 0) distances.push(Math.hypot(this.xs[nearest]! - x, this.ys[nearest]! - y));
    }
    if (distances.length === 0) return guess;
    distances.sort((a, b) => a - b);
    return distances[Math.floor(distances.length / 2)]!;
  }

  private buildStage(d: string): StageShape[] {
    const parts = subpathBounds(d);
    if (parts.length === 0) return [];
    // Separate subpaths (a floor and a stage deck on it) are drawn one by one; relative moves stay together.
    const pieces = /m/.test(d) ? [d] : d.split(/(?=M)/).filter((piece) => piece.trim());
    if (pieces.length !== parts.length) {
      let all = emptyRect();
      for (const part of parts) all = unionRect(all, part);
      return [{ path: makePath(d), bounds: all }];
    }
    return pieces.map((piece, i) => ({ path: makePath(piece), bounds: parts[i]! }));
  }

  // ----- reading -----

  /** A seat's index by its id; -1 when unknown or while the ids are not loaded. */
  indexOf(seatId: string): number {
    if (!this.ids) return -1;
    this.indexById ??= new Map(this.ids.map((id, index) => [id, index]));
    return this.indexById.get(seatId) ?? -1;
  }

  /** Seat ids by index (from GET /api/events/:id/seat-ids), for what needs them (the admin console, tests). */
  attachIds(ids: string[]): void {
    if (ids.length !== this.count) throw new Error(`${ids.length} seat ids for ${this.count} seats`);
    this.ids = ids;
    this.indexById = null;
  }

  rowNameOf(index: number): string | undefined {
    return this.rowNames[this.rowOf[index] ?? -1];
  }

  /**
   * The seats of a hold as indexes into this map: by the indexes the server gave when they belong to this layout,
   * else by id (when the ids are loaded).
   */
  seatIndexesOf(hold: { seatIds: readonly string[]; seatIndexes?: readonly number[]; layoutVersion?: string }): number[] {
    if (hold.seatIndexes && hold.layoutVersion === this.layoutVersion) {
      return hold.seatIndexes.filter((index) => index >= 0 && index < this.count);
    }
    return hold.seatIds.map((id) => this.indexOf(id)).filter((index) => index >= 0);
  }

  sectionIndexOf(sectionId: string): number {
    return this.sectionIndexById.get(sectionId) ?? -1;
  }

  statusOf(index: number): SeatStatus {
    const status = SEAT_STATUSES[this.status[index] ?? 0] ?? "available";
    return status === "available" && this.resale[index] === 1 ? "resale" : status;
  }

  /** A seat on sale again from a fan's resale listing, at face value. */
  isResale(index: number): boolean {
    return this.resale[index] === 1 && this.status[index] === AVAILABLE;
  }

  isAvailable(index: number): boolean {
    return this.status[index] === AVAILABLE;
  }

  tierOfSeat(index: number): TierInfo | undefined {
    return this.tiers[this.tierOf[index] ?? -1];
  }

  sectionOfSeat(index: number): SectionInfo | undefined {
    return this.sections[this.sectionOf[index] ?? -1];
  }

  /** Bounds of some seats, in map units (empty when none are known). */
  boundsOfSeats(indexes: Iterable<number>): Rect {
    const rect = emptyRect();
    for (const i of indexes) if (i >= 0 && i < this.count) extendRect(rect, this.xs[i]!, this.ys[i]!);
    return rect;
  }

  totalAvailable(): number {
    return this.sections.reduce((sum, section) => sum + Math.max(0, section.available), 0);
  }

  /** What is left, seats and standing places apart (a standing place is not a seat). */
  availableByKind(): { seats: number; standing: number } {
    let seats = 0;
    let standing = 0;
    for (const section of this.sections) {
      if (section.kind === "general_admission") standing += Math.max(0, section.available);
      else seats += Math.max(0, section.available);
    }
    return { seats, standing };
  }

  // ----- live updates -----

  getVersion = (): number => this.version;

  /** Told on an animation frame after changes, at most every REDRAW_INTERVAL_MS: what draws the seats (the canvas). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSummaryVersion = (): number => this.summaryVersion;

  /**
   * Told at most every SUMMARY_INTERVAL_MS after changes (the first at once): what renders counts and lists with
   * React. At 1,000 changes a second, re-rendering the page every frame would cost more than the frame.
   */
  subscribeSummary = (listener: () => void): (() => void) => {
    this.summaryListeners.add(listener);
    return () => {
      this.summaryListeners.delete(listener);
      if (this.summaryListeners.size === 0) this.summary.cancel();
    };
  };

  /** Called after each live message with the seats it took and released. */
  onChanges(listener: (applied: AppliedChanges) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * Counts a change at once, and tells subscribers in step with the screen: a burst of live messages (1,000 seat
   * changes a second) costs a repaint every REDRAW_INTERVAL_MS and a React render every SUMMARY_INTERVAL_MS, not
   * one per message or per frame (a software canvas is copied whole to the screen on every repaint).
   */
  private bump(): void {
    this.version++;
    this.drawing.request();
    if (this.summaryListeners.size > 0) this.summary.request();
  }

  private setSeatStatus(index: number, code: number, applied: AppliedChanges): void {
    const before = this.status[index]!;
    if (before === code) return;
    this.status[index] = code;
    const section = this.sections[this.sectionOf[index]!];
    if (before === AVAILABLE) {
      applied.taken.push(index);
      if (section && section.kind === "reserved") section.available = Math.max(0, section.available - 1);
    } else if (code === AVAILABLE) {
      applied.released.push(index);
      if (section && section.kind === "reserved") section.available++;
    }
  }

  /**
   * Applies one `seats.onChange` message. Messages at or below the current sequence were already part of the
   * snapshot and are ignored (returns null).
   */
  applyMessage(message: SeatChangeMessage): AppliedChanges | null {
    if (message.seq <= this.seq) return null;
    this.seq = message.seq;
    const applied: AppliedChanges = { taken: [], released: [] };
    // Indexes count only if they point into this map's layout; otherwise seats are found by id (if loaded).
    const byIndex = message.version !== undefined && message.version === this.layoutVersion;
    for (const change of message.changes) {
      if ("seatId" in change) {
        const index = byIndex && "index" in change && change.index !== undefined ? change.index : this.indexOf(change.seatId);
        const code = STATUS_CODE[change.status];
        if (index >= 0 && code !== undefined) {
          if (change.status === "resale") this.resale[index] = 1;
          else if (change.status === "sold" || change.status === "blocked") this.resale[index] = 0;
          this.setSeatStatus(index, code, applied);
        }
      } else {
        const section = this.sections[this.sectionIndexOf(change.sectionId)];
        if (section) section.available = Math.max(0, change.available);
      }
    }
    this.bump();
    for (const listener of this.changeListeners) listener(applied);
    return applied;
  }

  /** Marks seats as held right away after our own hold succeeded (the live change confirms it shortly). */
  markHeld(indexes: readonly number[]): void {
    const applied: AppliedChanges = { taken: [], released: [] };
    for (const index of indexes) {
      if (index >= 0 && index < this.count) this.setSeatStatus(index, STATUS_CODE.held, applied);
    }
    if (applied.taken.length > 0) this.bump();
  }

  /** Tell subscribers something they draw from (not the statuses) changed. */
  touch(): void {
    this.bump();
  }
}
