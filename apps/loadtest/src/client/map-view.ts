import type { SeatChangeMessage } from "./seat-watcher";

/**
 * What a fan's screen shows: the seat map snapshot plus every change after it, as the web app keeps it. After a
 * "refetch" notice the caller loads a new snapshot and subscribes again from its sequence (as the web app does);
 * changes that arrive in between are dropped, since the new subscription replays everything after the snapshot.
 */
export class MapView {
  readonly status = new Map<string, string>();
  private baseSeq = 0;
  needsRefetch = false;
  /** Set while the caller reloads the snapshot, so a burst of messages triggers one reload, not one each. */
  refetching = false;
  /** What happened to this view, for the report when it ends up differing from the server (bounded). */
  readonly history: string[] = [];

  note(entry: string): void {
    if (this.history.length >= 400) this.history.splice(0, 100);
    this.history.push(`${(performance.now() / 1000).toFixed(3)} ${entry}`);
  }

  reset(seq: number, seats: Array<{ id: string; status: string }>): void {
    this.note(`reset to ${seq} (${seats.filter((seat) => seat.status !== "available").length} taken)`);
    this.status.clear();
    for (const seat of seats) this.status.set(seat.id, seat.status);
    this.baseSeq = seq;
    this.needsRefetch = false;
    this.refetching = false;
  }

  apply(message: SeatChangeMessage): void {
    if (message.refetch) {
      this.note(`refetch notice at ${message.seq}`);
      this.needsRefetch = true;
      return;
    }
    if (this.needsRefetch) return;
    if (message.seq <= this.baseSeq) {
      this.note(`skipped ${message.seq} (at ${this.baseSeq})`);
      return;
    }
    this.baseSeq = message.seq;
    for (const change of message.changes)
      if (change.seatId && change.status) this.status.set(change.seatId, change.status);
  }

  /** Seats whose status differs from `truth` (seatId → status), as "<seatId>: <shown here> instead of <truth>". */
  differences(truth: Map<string, string>): string[] {
    const differ: string[] = [];
    for (const [seatId, status] of truth) {
      const shown = this.status.get(seatId) ?? "available";
      if (shown !== status) differ.push(`${seatId}: ${shown} instead of ${status}`);
    }
    return differ;
  }
}
