/**
 * A tiny hook for browser tests to drive the canvas deterministically (harmless in production). Seats are named by
 * id or by layout index (`…At`). The map itself never loads seat ids; the first call naming a seat by id loads them
 * (until then `seatStatus` says "unknown" and `seatPoint` null).
 */
export interface SeatMapTestHook {
  /** Does what a click on that seat of the canvas does. */
  clickSeat(seatId: string): Promise<void>;
  /** "available" | "resale" | "held" | "sold" | "blocked", or "unknown" for a seat that is not (yet) known on this map. */
  seatStatus(seatId: string): string;
  /** Where the seat is drawn, in viewport (client) pixels, or null when the map is not showing. */
  seatPoint(seatId: string): { x: number; y: number } | null;
  clickSeatAt(index: number): void;
  seatStatusAt(index: number): string;
  seatPointAt(index: number): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __frontrowSeatMap?: SeatMapTestHook;
  }
}

export function installSeatMapTestHook(hook: SeatMapTestHook): () => void {
  window.__frontrowSeatMap = hook;
  return () => {
    if (window.__frontrowSeatMap === hook) delete window.__frontrowSeatMap;
  };
}
