import {
  assembleSeatMap,
  type SeatIdsPayload,
  type SeatLayoutPayload,
  type SeatStatusPayload,
} from "@frontrow/validators";
import type { SeatMapSnapshot } from "./types";

/** The React Query key of an event's seat map (layout + seat ids + status). */
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
  const response = await fetch(url, { credentials: "same-origin", signal });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new SeatMapLoadError(body.error ?? `The seat map could not be loaded (${response.status})`, response.status);
  }
  return (await response.json()) as T;
}

/**
 * Loads the three parts of an event's seat map at once and puts them together. The layout and seat ids are
 * cached by the browser (ETag; an unchanged one costs a 304), the status is live. The server builds all three
 * from zod-described shapes (@frontrow/validators); they are not parsed again here, since checking 16,000 seats
 * would cost a phone more than drawing them. If an organizer changed the layout between the requests, the parts
 * name different versions and are loaded again.
 */
export async function fetchSeatMap(eventId: string, signal?: AbortSignal): Promise<SeatMapSnapshot> {
  const base = `/api/events/${encodeURIComponent(eventId)}`;
  for (let attempt = 0; ; attempt++) {
    const after = lastOwnChange(eventId);
    const [layout, seatIds, status] = await Promise.all([
      getJson<SeatLayoutPayload>(`${base}/layout`, signal),
      getJson<SeatIdsPayload>(`${base}/seat-ids`, signal),
      getJson<SeatStatusPayload>(`${base}/status${after > 0 ? `?after=${after}` : ""}`, signal),
    ]);
    // Older than asked for only if the event's sequence started again (Redis lost its data): forget the mark.
    if (status.seq < after) forgetOwnChange(eventId);
    if ((layout.version === seatIds.version && layout.version === status.version) || attempt >= 2) {
      return assembleSeatMap(layout, seatIds, status);
    }
  }
}
