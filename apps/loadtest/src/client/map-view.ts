import type { SeatChangeMessage } from "./seat-watcher";

/**
 * What a fan's screen shows: the seat map snapshot plus every change after it, as the web app keeps it. After a
 * "refetch" notice the caller loads a new snapshot; changes that arrive meanwhile are kept and replayed on top
 * of it if newer, and changes not newer than the snapshot are ignored.
 */
export class MapView {
  readonly status = new Map<string, string>();
  private baseSeq = 0;
  private buffered: SeatChangeMessage[] = [];
  needsRefetch = false;
  /** Set while the caller reloads the snapshot, so a burst of messages triggers one reload, not one each. */
  refetching = false;

  reset(seq: number, seats: Array<{ id: string; status: string }>): void {
    this.status.clear();
    for (const seat of seats) this.status.set(seat.id, seat.status);
    this.baseSeq = seq;
    this.needsRefetch = false;
    this.refetching = false;
    const buffered = this.buffered;
    this.buffered = [];
    for (const message of buffered) this.apply(message);
  }

  apply(message: SeatChangeMessage): void {
    if (message.refetch) {
      this.needsRefetch = true;
      return;
    }
    if (this.needsRefetch) {
      this.buffered.push(message);
      return;
    }
    if (message.seq <= this.baseSeq) return;
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
