/** A tiny hook for browser tests to drive the canvas deterministically (harmless in production). */
export interface SeatMapTestHook {
  /** Does what a click on that seat of the canvas does. */
  clickSeat(seatId: string): void;
  /** "available" | "held" | "sold" | "blocked", or "unknown" for a seat that is not on this map. */
  seatStatus(seatId: string): string;
  /** Where the seat is drawn, in viewport (client) pixels, or null when the map is not showing. */
  seatPoint(seatId: string): { x: number; y: number } | null;
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
