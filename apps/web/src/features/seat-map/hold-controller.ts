import { formatMoney } from "../../lib/format";
import { describeSeats } from "./describe-seats";
import { holdFailure } from "./hold-error";
import type { SeatModel } from "./seat-model";
import { seatPlace } from "./seat-label";
import type { Notice } from "../../lib/notice";
import type { BestRequest } from "./best-available-form";
import type { Hold, HoldInput, MyHold } from "./types";

/** What a hold asks for: picked seats, the best seats the server finds, or places in a standing area. */
export type PendingHold = "seats" | "best" | "ga";

/** What the controller needs from the server and the page around it. */
export interface HoldPorts {
  createHold(input: HoldInput): Promise<Hold>;
  releaseHold(holdId: string): Promise<unknown>;
  /** The waiting room's pass this tab holds for the event, if the on-sale has a waiting room. */
  accessPass(): string | undefined;
  /** Keeps the fan's holds list (`holds.mine`) in step with a hold made or ended here. */
  holdAdded(hold: Hold): void;
  holdRemoved(holdId: string): void;
  signIn(): void;
  toWaitingRoom(): void;
  /** The seats were picked on an out-of-date layout: load the map again. */
  reloadMap(): void;
  /** A best-available hold found these seats: bring them into view. */
  showSeats?(indexes: readonly number[]): void;
  /** Where the picks survive a sign-in round trip (sessionStorage); null when storage is unavailable. */
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null;
}

/** What the page decides with: who the fan is and what the event allows right now. */
export interface HoldRules {
  signedIn: boolean;
  /** False before the on-sale (or while paused): look, don't pick. */
  interactive: boolean;
  perFanLimit: number;
  holdSeconds: number;
  currency: string;
}

export interface HoldState {
  /** Seat indexes in the map's layout, in the order they were picked, still free (or being held by us now). */
  selected: readonly number[];
  pending: PendingHold | null;
  /** The hold being released, if any. */
  releasing: string | null;
  notice: Notice | null;
  /** The fan's live holds on this event (those whose countdown ran out here stay gone). */
  holds: readonly MyHold[];
  /** Seats of the fan's own holds, by index in the map's layout. */
  mine: ReadonlySet<number>;
  heldCount: number;
  limitLeft: number;
  /** How far the server's clock is ahead of ours, learnt from each new hold (its expiry minus the hold time). */
  clockOffsetMs: number;
}

const MAX_STORED = 50;

const notReady = () => Promise.reject(new Error("The hold controller is not connected yet"));
const NO_PORTS: HoldPorts = {
  createHold: notReady,
  releaseHold: notReady,
  accessPass: () => undefined,
  holdAdded() {},
  holdRemoved() {},
  signIn() {},
  toWaitingRoom() {},
  reloadMap() {},
  storage: null,
};

/** Picks are stored with the layout version their indexes point into; picks of another layout are dropped. */
interface StoredSelection {
  layoutVersion: string;
  indexes: number[];
}

export function ticketCount(hold: Pick<MyHold, "seatIds" | "sections">): number {
  return hold.seatIds.length + hold.sections.reduce((sum, section) => sum + section.quantity, 0);
}

/** "Section 112, row F, seat 7 was just taken" / "… and … were just taken". */
export function takenMessage(model: SeatModel, indexes: readonly number[]): string {
  return `${describeSeats(model, indexes)} ${indexes.length === 1 ? "was" : "were"} just taken`;
}

function stillSelected(left: number): string {
  return left > 0 ? ` Your other ${left === 1 ? "seat is" : `${left} seats are`} still selected.` : " Pick another seat.";
}

/**
 * The fan's hold workflow on one event's seat map, outside React: the seats picked (kept across a sign-in round
 * trip), the hold being placed, the fan's holds with their expiry, and what to tell the fan. A live change that
 * takes a picked seat drops it and says which; the seats of a hold being placed are left alone (their change is
 * most likely our own). Pages read `getState()` through `useSyncExternalStore` and call the actions.
 */
export class HoldController {
  private model: SeatModel | null = null;
  private stopListening: (() => void) | null = null;
  private restored = false;
  private picked: number[] = [];
  private holding: readonly number[] = [];
  private pending: PendingHold | null = null;
  private releasing: string | null = null;
  private notice: Notice | null = null;
  private serverHolds: readonly MyHold[] = [];
  private readonly expired = new Set<string>();
  private clockOffsetMs = 0;
  private rules: HoldRules = { signedIn: false, interactive: false, perFanLimit: 0, holdSeconds: 0, currency: "USD" };
  private state: HoldState;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly eventId: string,
    private ports: HoldPorts = NO_PORTS,
  ) {
    this.state = this.derive();
  }

  /** What the controller calls out to (a page sets them on every render: they close over its router and cache). */
  setPorts(ports: HoldPorts): void {
    this.ports = ports;
  }

  // ----- reading -----

  getState = (): HoldState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.state = this.derive();
    for (const listener of this.listeners) listener();
  }

  private derive(): HoldState {
    const model = this.model;
    const holds = this.rules.signedIn ? this.serverHolds.filter((hold) => !this.expired.has(hold.holdId)) : [];
    const mine = new Set<number>();
    if (model) for (const hold of holds) for (const index of model.seatIndexesOf(hold)) mine.add(index);
    const heldCount = holds.reduce((sum, hold) => sum + ticketCount(hold), 0);
    const selected = model
      ? this.picked.filter((index) => index < model.count && (model.isAvailable(index) || this.holding.includes(index)))
      : [];
    return {
      selected,
      pending: this.pending,
      releasing: this.releasing,
      notice: this.notice,
      holds,
      mine,
      heldCount,
      limitLeft: Math.max(0, this.rules.perFanLimit - heldCount),
      clockOffsetMs: this.clockOffsetMs,
    };
  }

  // ----- what the page feeds in -----

  /** The map the picks point into; a new layout drops them (the same index may be another seat). */
  setModel(model: SeatModel | null): void {
    if (model === this.model) return;
    const previous = this.model;
    this.stopListening?.();
    this.stopListening = null;
    this.model = model;
    if (model) {
      if (!this.restored) {
        this.restored = true;
        const stored = this.readStored();
        this.picked = stored && stored.layoutVersion === model.layoutVersion ? stored.indexes.filter((index) => index < model.count) : [];
      } else if (previous && previous.layoutVersion !== model.layoutVersion) {
        this.setPicked([]);
      }
      this.stopListening = model.onChanges((applied) => {
        // Pages re-render only when a message touched a picked seat: at 1,000 changes a second most touch none.
        const picked = (index: number) => this.picked.includes(index);
        const touched = applied.taken.some(picked) || applied.released.some(picked);
        if (applied.taken.length > 0) this.onTaken(applied.taken);
        if (touched) this.changed();
      });
    }
    this.changed();
  }

  setRules(rules: HoldRules): void {
    const same = (Object.keys(rules) as Array<keyof HoldRules>).every((key) => rules[key] === this.rules[key]);
    if (same) return;
    this.rules = rules;
    this.changed();
  }

  /** The fan's holds as the server last listed them (`holds.mine`). */
  setServerHolds(holds: readonly MyHold[]): void {
    if (holds === this.serverHolds) return;
    this.serverHolds = holds;
    this.changed();
  }

  /** Stops listening to the map (the page is gone). */
  dispose(): void {
    this.stopListening?.();
    this.stopListening = null;
    this.listeners.clear();
  }

  // ----- actions -----

  notify(notice: Notice | null): void {
    this.notice = notice;
    this.changed();
  }

  /** A click, a tap or Enter on a seat: picks it, drops it, or says why not. Returns what a screen reader hears. */
  activateSeat(index: number): string {
    const model = this.model;
    if (!model) return "";
    const { selected, mine, limitLeft, heldCount } = this.state;
    const place = seatPlace(model, index);
    const refuse = (tone: Notice["tone"], text: string) => {
      this.notify({ tone, text });
      return text;
    };
    if (!this.rules.interactive) return refuse("info", "Seat selection opens when tickets go on sale.");
    if (mine.has(index) && model.status[index] === 1) return refuse("info", `You already hold ${place}.`);
    if (selected.includes(index)) {
      this.setPicked(this.picked.filter((picked) => picked !== index));
      const left = selected.length - 1;
      return `Removed ${place}. ${left} ${left === 1 ? "seat" : "seats"} selected.`;
    }
    if (!model.isAvailable(index)) return refuse("info", `${place} is taken. Pick another seat.`);
    const limit = this.rules.perFanLimit;
    if (selected.length >= limitLeft) {
      return refuse(
        "warning",
        limitLeft === 0
          ? `You already hold the most tickets allowed for this event (${limit}).`
          : `You can hold up to ${limit} tickets for this event${heldCount > 0 ? `, and you hold ${heldCount} already` : ""}.`,
      );
    }
    // Picks restored from storage that were taken meanwhile go when the fan picks again.
    this.picked = [...this.picked.filter((picked) => picked < model.count && model.isAvailable(picked)), index];
    if (this.notice?.tone !== "error") this.notice = null;
    this.savePicks();
    this.changed();
    const count = selected.length + 1;
    const price = model.tierOfSeat(index);
    return `Selected ${place}${price ? `, ${formatMoney(price.priceCents, this.rules.currency)}` : ""}. ${count} ${count === 1 ? "seat" : "seats"} selected.`;
  }

  removePicks(indexes: readonly number[]): void {
    const gone = new Set(indexes);
    this.setPicked(this.picked.filter((index) => !gone.has(index)));
  }

  clearPicks(): void {
    this.setPicked([]);
  }

  /** Each hold action resolves true when the hold was placed. */
  holdSelected(): Promise<boolean> {
    const model = this.model;
    if (!model) return Promise.resolve(false);
    const seatIndexes = [...this.state.selected];
    return this.hold("seats", { eventId: this.eventId, layoutVersion: model.layoutVersion, seatIndexes }, seatIndexes);
  }

  holdBest(request: BestRequest): Promise<boolean> {
    return this.hold("best", { eventId: this.eventId, best: request }, []);
  }

  holdStanding(sectionId: string, quantity: number): Promise<boolean> {
    return this.hold("ga", { eventId: this.eventId, sections: [{ sectionId, quantity }] }, []);
  }

  async release(holdId: string): Promise<void> {
    this.releasing = holdId;
    this.changed();
    try {
      await this.ports.releaseHold(holdId);
      this.ports.holdRemoved(holdId);
      this.notice = { tone: "info", text: "Released. Those seats are back on sale." };
    } catch (error) {
      const failure = holdFailure(error);
      if (failure.signIn) {
        this.ports.signIn();
      } else {
        this.ports.holdRemoved(holdId);
        this.notice = { tone: "error", text: failure.message };
      }
    } finally {
      this.releasing = null;
      this.changed();
    }
  }

  /** A hold's countdown ran out here: it stays gone even if a refetch races the server's sweeper. */
  expire(holdId: string): void {
    this.expired.add(holdId);
    this.ports.holdRemoved(holdId);
    this.notify({ tone: "warning", text: "Your hold expired, so those seats went back on sale. You can pick them again." });
  }

  private async hold(what: PendingHold, input: HoldInput, seatIndexes: readonly number[]): Promise<boolean> {
    if (!this.rules.signedIn) {
      this.ports.signIn();
      return false;
    }
    if (this.pending) return false;
    this.pending = what;
    this.holding = seatIndexes;
    this.notice = null;
    this.changed();
    // A waiting-room on-sale needs the access pass the waiting room handed this tab.
    const accessPass = this.ports.accessPass();
    try {
      const hold = await this.ports.createHold(accessPass ? { ...input, accessPass } : input);
      this.succeeded(hold, what);
      return true;
    } catch (error) {
      this.failed(error, what);
      return false;
    } finally {
      this.pending = null;
      this.holding = [];
      this.changed();
    }
  }

  private succeeded(hold: Hold, what: PendingHold): void {
    this.clockOffsetMs = hold.expiresAt.getTime() - this.rules.holdSeconds * 1000 - Date.now();
    this.ports.holdAdded(hold);
    const model = this.model;
    const indexes = model ? model.seatIndexesOf(hold) : [];
    model?.markHeld(indexes);
    this.removePicks(indexes);
    const count = ticketCount({ seatIds: hold.seatIds, sections: hold.sections ?? [] });
    if (what === "best" && model && indexes.length > 0) {
      this.ports.showSeats?.(indexes);
      this.notice = {
        tone: "success",
        text: `We found ${count === 1 ? "a seat" : `${count} seats together`} for you: ${describeSeats(model, indexes)}.`,
      };
      return;
    }
    this.notice = {
      tone: "success",
      text: `${count === 1 ? "Your ticket is" : `Your ${count} tickets are`} held. Check out before the timer runs out.`,
    };
  }

  private failed(error: unknown, what: PendingHold): void {
    const failure = holdFailure(error);
    const model = this.model;
    if (failure.signIn) return this.ports.signIn();
    if (failure.layoutChanged) {
      // The seats were picked on a map that is out of date: load the new one (the picks go with the old one).
      this.notice = { tone: "warning", text: failure.message };
      return this.ports.reloadMap();
    }
    const taken = model ? model.seatIndexesOf(failure.taken) : [];
    if (failure.seatUnavailable && model && taken.length > 0) {
      // Show them grey now; the live change confirms it.
      model.markHeld(taken);
      const takenSet = new Set(taken);
      const left = this.state.selected.filter((index) => !takenSet.has(index)).length;
      this.removePicks(taken);
      this.notice = { tone: "warning", text: `${takenMessage(model, taken)}. Nothing was held.${stillSelected(left)}` };
      return;
    }
    if (failure.waitingRoom) return this.ports.toWaitingRoom();
    if (failure.seatUnavailable && what !== "seats") {
      this.notice = { tone: "warning", text: `${failure.message}. Try fewer tickets or another section.` };
      return;
    }
    this.notice = { tone: "error", text: failure.message };
  }

  private onTaken(taken: readonly number[]): void {
    const model = this.model;
    if (!model) return;
    const picked = new Set(this.picked);
    const lost = taken.filter((index) => picked.has(index) && !this.holding.includes(index));
    if (lost.length === 0) return;
    const lostSet = new Set(lost);
    this.picked = this.picked.filter((index) => !lostSet.has(index));
    this.savePicks();
    this.notice = { tone: "warning", text: `${takenMessage(model, lost)}.${stillSelected(this.picked.length)}` };
  }

  private setPicked(picked: number[]): void {
    this.picked = picked;
    this.savePicks();
    this.changed();
  }

  // ----- picks kept across a sign-in round trip -----

  private get storageKey(): string {
    return `frontrow:seat-selection:${this.eventId}`;
  }

  private readStored(): StoredSelection | null {
    try {
      const raw = this.ports.storage?.getItem(this.storageKey);
      const parsed = (raw ? JSON.parse(raw) : null) as Partial<StoredSelection> | null;
      if (!parsed || typeof parsed.layoutVersion !== "string" || !Array.isArray(parsed.indexes)) return null;
      const indexes = parsed.indexes.filter((index): index is number => Number.isSafeInteger(index) && index >= 0);
      return { layoutVersion: parsed.layoutVersion, indexes: indexes.slice(0, MAX_STORED) };
    } catch {
      return null;
    }
  }

  private savePicks(): void {
    if (!this.model || !this.restored) return;
    try {
      if (this.picked.length > 0) {
        const value: StoredSelection = { layoutVersion: this.model.layoutVersion, indexes: this.picked };
        this.ports.storage?.setItem(this.storageKey, JSON.stringify(value));
      } else {
        this.ports.storage?.removeItem(this.storageKey);
      }
    } catch {
      // Storage full or disabled: the selection just won't survive a reload.
    }
  }
}
