export interface HoldRequest {
  eventId: string;
  userId: string;
  seatIds: string[];
}

export type StrategyHoldResult =
  | { ok: true; holdId: string; expiresAt: number }
  | { ok: false; code: "SEAT_UNAVAILABLE" | "LIMIT_EXCEEDED" };

/** One way to hold seats all-or-nothing, behind the same request shape as `holds.create`. */
export interface HoldStrategy {
  name: string;
  hold(request: HoldRequest): Promise<StrategyHoldResult>;
  release(holdId: string, userId: string): Promise<boolean>;
  /** Holds stored now: hold id → seats, to check all-or-nothing after a phase. */
  storedHolds(): Promise<Map<string, string[]>>;
}

/** How long every strategy's holds last (the arena's hold time); the race releases them long before. */
export const STRATEGY_HOLD_MS = 600_000;
