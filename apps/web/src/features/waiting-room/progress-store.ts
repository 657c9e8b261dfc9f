/**
 * How many fans were ahead when this fan was first seen in the line, kept for the tab so the progress bar
 * survives a refresh (it measures from there down to the front).
 */
const PREFIX = "frontrow:queue-start:";

export function readStartAhead(eventId: string): number | null {
  try {
    const raw = window.sessionStorage.getItem(PREFIX + eventId);
    const value = raw === null ? NaN : Number(raw);
    return Number.isInteger(value) && value >= 0 ? value : null;
  } catch {
    return null;
  }
}

export function writeStartAhead(eventId: string, ahead: number): void {
  try {
    window.sessionStorage.setItem(PREFIX + eventId, String(ahead));
  } catch {
    // the bar then starts from the first position this page saw
  }
}

export function clearStartAhead(eventId: string): void {
  try {
    window.sessionStorage.removeItem(PREFIX + eventId);
  } catch {
    // nothing stored
  }
}

/** 0..1 of the way from `startAhead` fans ahead to the front. */
export function lineProgress(startAhead: number | null, ahead: number): number {
  if (startAhead === null || startAhead <= 0) return ahead <= 0 ? 1 : 0;
  return Math.min(1, Math.max(0, 1 - ahead / startAhead));
}
