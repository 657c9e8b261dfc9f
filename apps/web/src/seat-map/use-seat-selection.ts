import { useEffect, useEffectEvent, useState } from "react";
import { describeSeats } from "./describe-seats";
import type { SeatModel } from "./seat-model";

export interface Notice {
  tone: "info" | "success" | "warning" | "error";
  text: string;
}

const MAX_STORED = 50;

function storageKey(eventId: string): string {
  return `frontrow:seat-selection:${eventId}`;
}

/** Picks are stored with the layout version their indexes point into; picks of another layout are dropped. */
interface StoredSelection {
  layoutVersion: string;
  indexes: number[];
}

function readStored(eventId: string): StoredSelection | null {
  try {
    const raw = window.sessionStorage.getItem(storageKey(eventId));
    const parsed = (raw ? JSON.parse(raw) : null) as Partial<StoredSelection> | null;
    if (!parsed || typeof parsed.layoutVersion !== "string" || !Array.isArray(parsed.indexes)) return null;
    const indexes = parsed.indexes.filter((index): index is number => Number.isSafeInteger(index) && index >= 0);
    return { layoutVersion: parsed.layoutVersion, indexes: indexes.slice(0, MAX_STORED) };
  } catch {
    return null;
  }
}

/** "Section 112, row F, seat 7 was just taken" / "… and … were just taken". */
export function takenMessage(model: SeatModel, indexes: readonly number[]): string {
  return `${describeSeats(model, indexes)} ${indexes.length === 1 ? "was" : "were"} just taken`;
}

/**
 * The seats a fan has picked but not yet held. Survives a sign-in round trip (session storage). When a live
 * change takes a picked seat, it is dropped and the fan is told which one; the seats of a hold being placed right
 * now are left alone (their "held" change is most likely our own).
 */
export function useSeatSelection(options: {
  eventId: string;
  model: SeatModel | null;
  notify: (notice: Notice) => void;
}) {
  const { eventId, model, notify } = options;
  const [stored] = useState(() => readStored(eventId));
  const [picked, setPicked] = useState<number[]>([]);
  const [holding, setHolding] = useState<readonly number[]>([]);
  // Picks restored from storage join once the map they were made on is here.
  const [restoredFor, setRestoredFor] = useState<SeatModel | null>(null);
  if (model && restoredFor !== model) {
    setRestoredFor(model);
    if (restoredFor === null) {
      const restorable = stored && stored.layoutVersion === model.layoutVersion;
      setPicked(restorable ? stored.indexes.filter((index) => index < model.count) : []);
    } else if (restoredFor.layoutVersion !== model.layoutVersion) {
      // A new layout: the same index may be another seat now.
      setPicked([]);
    }
  }

  useEffect(() => {
    if (!model) return;
    try {
      if (picked.length > 0) {
        const value: StoredSelection = { layoutVersion: model.layoutVersion, indexes: picked };
        window.sessionStorage.setItem(storageKey(eventId), JSON.stringify(value));
      } else if (restoredFor) window.sessionStorage.removeItem(storageKey(eventId));
    } catch {
      // Storage full or disabled: the selection just won't survive a reload.
    }
  }, [eventId, model, picked, restoredFor]);

  const onTaken = useEffectEvent((taken: number[]) => {
    if (!model) return;
    const pickedSet = new Set(picked);
    const protectedSet = new Set(holding);
    const lost = taken.filter((index) => pickedSet.has(index) && !protectedSet.has(index));
    if (lost.length === 0) return;
    const lostSet = new Set(lost);
    const left = picked.filter((index) => !lostSet.has(index)).length;
    setPicked((current) => current.filter((index) => !lostSet.has(index)));
    notify({
      tone: "warning",
      text: `${takenMessage(model, lost)}.${left > 0 ? ` Your other ${left === 1 ? "seat is" : `${left} seats are`} still selected.` : " Pick another seat."}`,
    });
  });

  useEffect(() => {
    if (!model) return;
    return model.onChanges((applied) => {
      if (applied.taken.length > 0) onTaken(applied.taken);
    });
  }, [model]);

  // What is shown: picked seats that still exist and are free (or are being held by us right now).
  const selected = model
    ? picked.filter((index) => index < model.count && (model.isAvailable(index) || holding.includes(index)))
    : [];

  // Picks restored from storage that were taken meanwhile are dropped at the next change.
  const stillFree = (index: number) => model !== null && index < model.count && model.isAvailable(index);

  return {
    /** Seat indexes in the map's layout, in the order they were picked. */
    selected,
    /** Adds or removes one seat; no checks (the caller decides what is allowed). */
    toggle(index: number) {
      setPicked((current) =>
        current.includes(index) ? current.filter((x) => x !== index) : [...current.filter(stillFree), index],
      );
    },
    remove(removeIndexes: readonly number[]) {
      const gone = new Set(removeIndexes);
      setPicked((current) => current.filter((index) => !gone.has(index)));
    },
    clear() {
      setPicked([]);
    },
    holding,
    setHolding,
  };
}
