import {
  fromIndexGaps,
  sectionsWithAvailable,
  type SeatIdsPayload,
  type SeatLayoutPayload,
  type SeatStatusPayload,
} from "@frontrow/validators/plain";
import type { SeatColumns } from "./seat-model";

/** The React Query key of an event's seat maps (layout + status, with or without the seat ids below it). */
export const seatMapPartsKey = (eventId: string) => ["seat-map-parts", eventId] as const;

/** A seat map part the server refused; `status` lets the retry policy skip client errors. */
export class SeatMapLoadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const seqKey = (eventId: string) => `frontrow:seq:${eventId}`;

/**
 * Remembers the change sequence of the fan's own last change (a hold), across reloads and tabs: the next status
 * read asks for one at least that recent, so a fan who holds and reloads sees the hold.
 */
export function rememberOwnChange(eventId: string, seq: number): void {
  try {
    if (seq > lastOwnChange(eventId)) localStorage.setItem(seqKey(eventId), String(seq));
  } catch {
    // Storage refused (private mode, quota): the status is at most a tick behind anyway.
  }
}

function forgetOwnChange(eventId: string): void {
  try {
    localStorage.removeItem(seqKey(eventId));
  } catch {
    // Nothing stored then.
  }
}

function lastOwnChange(eventId: string): number {
  try {
    const value = Number(localStorage.getItem(seqKey(eventId)));
    return Number.isSafeInteger(value) && value > 0 ? value : 0;
  } catch {
    return 0;
  }
}

async function getJson<T>(url: string, signal: AbortSignal | undefined): Promise<T> {
  return readJson<T>(fetch(url, { credentials: "same-origin", signal }));
}

async function readJson<T>(request: Promise<Response>): Promise<T> {
  const response = await request;
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new SeatMapLoadError(
      body.error ?? `The seat map could not be loaded (${response.status})`,
      response.status,
    );
  }
  return (await response.json()) as T;
}

const partsUrl = (eventId: string, part: "layout" | "seat-ids" | "status") =>
  `/api/events/${encodeURIComponent(eventId)}/${part}`;

/**
 * The first layout and status requests of the page, started as soon as the app's code runs (see
 * prefetch-seat-map.ts) rather than after the event's details arrived; taken once by the first load.
 */
const early = new Map<
  string,
  {
    layout: Promise<SeatLayoutPayload>;
    status: Promise<SeatStatusPayload>;
    startedAt: number;
    /** Both parts, once they have arrived. */
    arrived?: { layout: SeatLayoutPayload; status: SeatStatusPayload };
    /** Resolves once both have arrived or either failed. */
    settled?: Promise<void>;
  }
>();
/** A status older than this is not worth starting from (a fan sent to the waiting room comes back much later). */
const EARLY_MAX_AGE_MS = 10_000;

function requestParts(eventId: string, signal?: AbortSignal) {
  const after = lastOwnChange(eventId);
  return {
    layout: getJson<SeatLayoutPayload>(partsUrl(eventId, "layout"), signal),
    status: getJson<SeatStatusPayload>(
      `${partsUrl(eventId, "status")}${after > 0 ? `?after=${after}` : ""}`,
      signal,
    ),
  };
}

/**
 * Starts loading an event's layout and status now, for the seat map that is about to ask for them; or takes over
 * the requests public/early-seat-map.js started (`started`, made with the same `after` mark).
 */
export function prefetchSeatMapParts(
  eventId: string,
  started?: { after: number; layout: Promise<Response>; status: Promise<Response> },
): void {
  if (early.has(eventId)) return;
  const parts =
    started && started.after === lastOwnChange(eventId)
      ? { layout: readJson<SeatLayoutPayload>(started.layout), status: readJson<SeatStatusPayload>(started.status) }
      : requestParts(eventId);
  // Whoever takes them handles failures; an unused prefetch must not report an unhandled rejection.
  parts.layout.catch(() => undefined);
  parts.status.catch(() => undefined);
  const entry: NonNullable<ReturnType<typeof early.get>> = { ...parts, startedAt: performance.now() };
  early.set(eventId, entry);
  entry.settled = Promise.all([parts.layout, parts.status]).then(
    ([layout, status]) => void (entry.arrived = { layout, status }),
    () => undefined,
  );
}

/** Resolves once the page's early layout and status requests have arrived or failed (at once if none were made). */
export function earlySeatMapSettled(eventId: string): Promise<void> {
  return early.get(eventId)?.settled ?? Promise.resolve();
}

/**
 * The page's first layout and status if both have already arrived (and agree), taken over like fetchSeatMap takes
 * the requests: the seat map renders with them in its first render, not in one more after a fetch that would only
 * hand over what is already here.
 */
export function takeArrivedSeatMap(eventId: string): SeatMapParts | undefined {
  const started = early.get(eventId);
  const arrived = started?.arrived;
  if (!arrived || performance.now() - started.startedAt >= EARLY_MAX_AGE_MS) return undefined;
  const after = lastOwnChange(eventId);
  if (arrived.layout.version !== arrived.status.version || arrived.status.seq < after) return undefined;
  early.delete(eventId);
  return { ...arrived, ids: null };
}

/** The seat ids of a layout version, in layout order (immutable: the browser caches them). */
export async function fetchSeatIds(
  eventId: string,
  version: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const payload = await getJson<SeatIdsPayload>(
    `${partsUrl(eventId, "seat-ids")}?v=${encodeURIComponent(version)}`,
    signal,
  );
  if (payload.version !== version) throw new SeatMapLoadError("The seat map changed: reload it", 409);
  return payload.ids;
}

/** The two parts a map is drawn from. */
export interface SeatMapParts {
  layout: SeatLayoutPayload;
  status: SeatStatusPayload;
  /** Only when asked for (`withSeatIds`). */
  ids: string[] | null;
}

/**
 * Loads the layout and status of an event's seat map at once (the seat ids too when `withSeatIds`: the admin
 * console blocks seats by id; fans address seats by layout index and never need them). The layout is cached by
 * the browser (ETag; an unchanged one costs a 304), the status is live. The server builds them from zod-described
 * shapes (@frontrow/validators); they are not parsed again here, since checking 16,000 seats would cost a phone
 * more than drawing them. If an organizer changed the layout between the requests, the parts name different
 * versions and are loaded again.
 */
export async function fetchSeatMap(
  eventId: string,
  options: { signal?: AbortSignal; withSeatIds?: boolean } = {},
): Promise<SeatMapParts> {
  for (let attempt = 0; ; attempt++) {
    const after = lastOwnChange(eventId);
    const started = early.get(eventId);
    early.delete(eventId);
    const prefetched =
      attempt === 0 && started && performance.now() - started.startedAt < EARLY_MAX_AGE_MS ? started : undefined;
    const request = prefetched ?? requestParts(eventId, options.signal);
    const ids = options.withSeatIds
      ? getJson<SeatIdsPayload>(partsUrl(eventId, "seat-ids"), options.signal)
      : null;
    const [layout, status, seatIds] = await Promise.all([request.layout, request.status, ids]);
    // Older than asked for only if the event's sequence started again (Redis lost its data): forget the mark.
    if (status.seq < after) forgetOwnChange(eventId);
    const agree = layout.version === status.version && (!seatIds || seatIds.version === layout.version);
    if (agree || attempt >= 2) return { layout, status, ids: seatIds?.ids ?? null };
  }
}

/** Every seat's status code (available 0, held 1, sold 2, blocked 3; SEAT_STATUSES order), from the status's gaps. */
function statusCodes(count: number, status: SeatStatusPayload): Uint8Array {
  const codes = new Uint8Array(count);
  [status.held, status.sold, status.blocked].forEach((gaps, i) => {
    for (const index of fromIndexGaps(gaps)) if (index < count) codes[index] = i + 1;
  });
  return codes;
}

/** The parts as the columns a SeatModel is built from: one pass over typed arrays, no object per seat. */
export function columnsOfParts({ layout, status, ids }: SeatMapParts): SeatColumns {
  const { seats } = layout;
  const count = seats.x.length;
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    xs[i] = seats.x[i]! / 100;
    ys[i] = seats.y[i]! / 100;
  }
  const codes = statusCodes(count, status);
  const availableBySection = new Array<number>(layout.sections.length).fill(0);
  for (let i = 0; i < count; i++) if (codes[i] === 0) availableBySection[seats.section[i]!]!++;
  return {
    eventId: layout.eventId,
    version: layout.version,
    seq: status.seq,
    venue: layout.venue,
    tiers: layout.tiers,
    sections: sectionsWithAvailable(layout, status, availableBySection),
    count,
    ids,
    rowNames: layout.rows,
    rowOf: seats.row,
    number: seats.number,
    xs,
    ys,
    sectionOf: seats.section,
    tierOf: seats.tier,
    flags: seats.flags,
    status: codes,
    resale: resaleMarks(count, status),
  };
}

/** 1 for each seat the status lists as on resale (their status code stays available). */
function resaleMarks(count: number, status: SeatStatusPayload): Uint8Array {
  const marks = new Uint8Array(count);
  for (const index of fromIndexGaps(status.resale ?? [])) if (index < count) marks[index] = 1;
  return marks;
}
