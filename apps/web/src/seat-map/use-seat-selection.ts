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

function readStored(eventId: string): string[] {
  try {
    const raw = window.sessionStorage.getItem(storageKey(eventId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed)
      ? parsed.filter((id): id is string => typeof id === "string").slice(0, MAX_STORED)
      : [];
  } catch {
    return [];
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
  const [ids, setIds] = useState<string[]>(() => readStored(eventId));
  const [holding, setHolding] = useState<readonly string[]>([]);

  useEffect(() => {
    try {
      if (ids.length > 0) window.sessionStorage.setItem(storageKey(eventId), JSON.stringify(ids));
      else window.sessionStorage.removeItem(storageKey(eventId));
    } catch {
      // Storage full or disabled: the selection just won't survive a reload.
    }
  }, [eventId, ids]);

  const onTaken = useEffectEvent((taken: number[]) => {
    if (!model) return;
    const picked = new Set(ids);
    const protectedIds = new Set(holding);
    const lost = taken.filter((index) => {
      const id = model.ids[index];
      return id !== undefined && picked.has(id) && !protectedIds.has(id);
    });
    if (lost.length === 0) return;
    const lostIds = new Set(lost.map((index) => model.ids[index]));
    const left = ids.filter((id) => !lostIds.has(id)).length;
    setIds((current) => current.filter((id) => !lostIds.has(id)));
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
  const selectedIds = model
    ? ids.filter((id) => {
        const index = model.indexOf(id);
        return index >= 0 && (model.isAvailable(index) || holding.includes(id));
      })
    : [];

  // Picks restored from storage that were taken meanwhile are dropped at the next change.
  const stillFree = (id: string) => {
    const index = model ? model.indexOf(id) : -1;
    return index >= 0 && model !== null && model.isAvailable(index);
  };

  return {
    selectedIds,
    /** Adds or removes one seat; no checks (the caller decides what is allowed). */
    toggle(id: string) {
      setIds((current) =>
        current.includes(id) ? current.filter((x) => x !== id) : [...current.filter(stillFree), id],
      );
    },
    remove(removeIds: readonly string[]) {
      const gone = new Set(removeIds);
      setIds((current) => current.filter((id) => !gone.has(id)));
    },
    clear() {
      setIds([]);
    },
    holding,
    setHolding,
  };
}
