import { eventLifecycleStatus, nextLifecycleChangeAt, type EventLifecycle, type EventLifecycleStatus } from "@frontrow/validators/plain";
import { useEffect, useState } from "react";

/**
 * The event's one status (the same rule as the server's), kept true while the page stays open: a scheduled event
 * turns "on sale" at its on-sale time without a reload.
 */
export function useLifecycleStatus(event: EventLifecycle | undefined): EventLifecycleStatus | undefined {
  const [now, setNow] = useState(() => new Date());
  const next = event ? nextLifecycleChangeAt(event, now) : null;
  const nextMs = next?.getTime() ?? null;
  useEffect(() => {
    if (nextMs === null) return;
    // Timers longer than ~24.8 days overflow; re-check at least daily.
    const wait = Math.min(Math.max(0, nextMs - Date.now()) + 50, 86_400_000);
    const timer = window.setTimeout(() => setNow(new Date()), wait);
    return () => window.clearTimeout(timer);
  }, [nextMs]);
  return event ? eventLifecycleStatus(event, now) : undefined;
}
