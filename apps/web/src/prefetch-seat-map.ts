import { prefetchSeatMapParts } from "./features/seat-map/seat-map-parts";

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

// Imported first by main.tsx: a page opened on a seat map has its layout and status on the way before the rest of
// the app is evaluated (started by public/early-seat-map.js, else here), not after the event's details arrived.
// (The details themselves: see TrpcProvider.)
const eventId = seatMapPageEventId(window.location.pathname);
if (eventId) prefetchSeatMapParts(eventId, earlySeatMapRequests(eventId));
