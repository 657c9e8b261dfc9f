/**
 * The waiting room's access pass, kept for this tab (sessionStorage) so the seat map can send it with
 * `holds.create`. The server checks the pass itself; this is only where the browser remembers it.
 */

export interface StoredAccessPass {
  pass: string;
  admittedUntil: Date;
}

const PREFIX = "frontrow:access-pass:";

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null; // storage disabled (privacy settings, sandboxed frame)
  }
}

/** Remembers the pass the waiting room handed out for `eventId`, until `admittedUntil`. */
export function saveAccessPass(eventId: string, pass: string, admittedUntil: Date): void {
  try {
    storage()?.setItem(PREFIX + eventId, JSON.stringify({ pass, admittedUntil: admittedUntil.getTime() }));
  } catch {
    // Quota or disabled storage: the fan is sent back to the waiting room, which hands the pass out again.
  }
}

/** The pass for `eventId` if there is one and its shopping window has not ended, else `null`. */
export function loadAccessPass(eventId: string): StoredAccessPass | null {
  const store = storage();
  let raw: string | null = null;
  try {
    raw = store?.getItem(PREFIX + eventId) ?? null;
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (
      value &&
      typeof value === "object" &&
      "pass" in value &&
      "admittedUntil" in value &&
      typeof value.pass === "string" &&
      typeof value.admittedUntil === "number" &&
      value.admittedUntil > Date.now()
    ) {
      return { pass: value.pass, admittedUntil: new Date(value.admittedUntil) };
    }
  } catch {
    // Not ours or corrupted: fall through and forget it.
  }
  clearAccessPass(eventId);
  return null;
}

/** Forgets the pass (the fan left the line, or the window ended). */
export function clearAccessPass(eventId: string): void {
  try {
    storage()?.removeItem(PREFIX + eventId);
  } catch {
    // nothing to forget
  }
}
