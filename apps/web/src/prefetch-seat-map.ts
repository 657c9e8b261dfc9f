import superjson from "superjson";
import { earlySeatMapSettled, prefetchSeatMapParts } from "./features/seat-map/seat-map-parts";

/** The requests public/early-seat-map.js started before the app arrived, on a seat map page. */
export interface EarlySeatMapRequests {
  eventId: string;
  after: number;
  layout: Promise<Response>;
  status: Promise<Response>;
  /** `events.byId` as tRPC answers a single GET: `{ result: { data: <superjson> } }`. */
  event: Promise<Response>;
}

declare global {
  interface Window {
    __frontrowEarlySeatMap?: EarlySeatMapRequests;
  }
}

/** The event of a seat map page's path (`/events/:eventId/seats`), or null for any other page. */
export function seatMapPageEventId(pathname: string): string | null {
  const match = /^\/events\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/seats\/?$/i.exec(pathname);
  return match ? match[1]! : null;
}

/** The early requests for this page's event, if public/early-seat-map.js made them. */
export function earlySeatMapRequests(eventId: string): EarlySeatMapRequests | undefined {
  const early = window.__frontrowEarlySeatMap;
  return early?.eventId === eventId ? early : undefined;
}

/** The data of a tRPC answer to a single GET, as the client would give it (superjson), or a rejection. */
async function earlyResult(request: Promise<Response>): Promise<unknown> {
  const response = await request;
  if (!response.ok) throw new Error(`answered ${response.status}`);
  const body = (await response.json()) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
  return superjson.deserialize(body.result.data);
}

/** The event's details from the early request, read as the tRPC client reads them; `arrived` once they have. */
export interface EarlyEvent {
  eventId: string;
  result: Promise<unknown>;
  arrived?: { data: unknown };
}

let earlyEvent: EarlyEvent | undefined;

/** The early request's event details for this page's event, if public/early-seat-map.js asked for them. */
export function earlySeatMapEvent(eventId: string): EarlyEvent | undefined {
  return earlyEvent?.eventId === eventId ? earlyEvent : undefined;
}

/**
 * How long the first render waits for the early requests at most. Rendering the page first with skeletons and
 * again with the map cost a phone (CPU ÷4) about 0.25 s of main thread before the map (render, layout, effects),
 * mostly while the requests were arriving anyway; a slow network still gets the skeletons after this.
 */
const FIRST_RENDER_WAIT_MS = 1_000;

/**
 * On a seat map page whose early requests were made: resolves once the layout, the status and the event's details
 * have arrived or failed (or after FIRST_RENDER_WAIT_MS), so the first render has them and draws the map at once.
 * Null on any other page, which renders at once.
 */
export function seatMapFirstRenderReady(): Promise<void> | null {
  const eventId = seatMapPageEventId(window.location.pathname);
  const event = eventId ? earlySeatMapEvent(eventId) : undefined;
  if (!eventId || !event) return null;
  const arrived = Promise.all([earlySeatMapSettled(eventId), event.result.catch(() => undefined)]);
  const waitedLongEnough = new Promise<void>((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS));
  return Promise.race([arrived.then(() => undefined), waitedLongEnough]);
}

// Imported first by main.tsx: a page opened on a seat map has its layout and status on the way before the rest of
// the app is evaluated (started by public/early-seat-map.js, else here), not after the event's details arrived.
// The details are read from the early request here too (else TrpcProvider asks for them).
const eventId = seatMapPageEventId(window.location.pathname);
if (eventId) {
  const started = earlySeatMapRequests(eventId);
  prefetchSeatMapParts(eventId, started);
  if (started) {
    const event: EarlyEvent = { eventId, result: earlyResult(started.event) };
    event.result.then(
      (data) => (event.arrived = { data }),
      () => undefined,
    );
    earlyEvent = event;
  }
}
