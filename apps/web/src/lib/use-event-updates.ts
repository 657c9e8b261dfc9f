import { skipToken, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { AppRouter } from "@frontrow/api";
import type { inferRouterOutputs } from "@trpc/server";
import { seatMapPartsKey } from "../features/seat-map/seat-map-parts";
import { trpc } from "../trpc";

/** `{ eventId, reason, at }`: what an organizer's change touched. */
export type EventUpdate =
  inferRouterOutputs<AppRouter>["events"]["onUpdate"] extends AsyncIterable<infer Update> ? Update : never;

/** Seat-map snapshots can be megabytes: fans reload them spread over this long, not all in the same instant. */
const SNAPSHOT_SPREAD_MS = 2_000;

/**
 * Keeps an event's pages current while an organizer changes it: listens to `events.onUpdate` and reloads what the
 * change touched (the event, its seat map and prices, the fan's holds, the waiting room), so status, prices and
 * availability change on screen without a reload. Seat-by-seat changes arrive through `seats.onChange` already.
 */
export function useEventUpdates(eventId: string, options: { enabled?: boolean } = {}) {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const started = useRef(false);
  const timers = useRef(new Set<number>());

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) window.clearTimeout(timer);
      pending.clear();
    };
  }, []);

  const reloadSeatMap = () => {
    const timer = window.setTimeout(() => {
      timers.current.delete(timer);
      void utils.seats.map.invalidate({ eventId });
      void queryClient.invalidateQueries({ queryKey: seatMapPartsKey(eventId) });
    }, Math.random() * SNAPSHOT_SPREAD_MS);
    timers.current.add(timer);
  };

  const reload = (reason: EventUpdate["reason"] | "missed") => {
    if (reason === "status") {
      // Holds first: when sales resume after a pause their expiries have moved, and a timer must never see the
      // event on sale again with a pre-pause expiry (it would call the hold expired).
      void utils.holds.mine
        .invalidate({ eventId })
        .finally(() => void utils.events.byId.invalidate({ eventId }));
    } else {
      void utils.events.byId.invalidate({ eventId });
    }
    void utils.events.list.invalidate();
    switch (reason) {
      case "prices":
      case "inventory":
      case "missed":
        // Tiers, seats or capacities changed: the snapshot and the prices of the fan's holds with them.
        reloadSeatMap();
        void utils.holds.mine.invalidate({ eventId });
        break;
      case "status":
        void utils.queue.status.invalidate({ eventId });
        break;
      case "admission":
        void utils.queue.status.invalidate({ eventId });
        break;
      case "details":
        break;
    }
  };

  trpc.events.onUpdate.useSubscription(options.enabled === false ? skipToken : { eventId }, {
    onStarted() {
      // After a dropped connection, anything may have changed meanwhile.
      if (started.current) reload("missed");
      started.current = true;
    },
    onData(update) {
      reload(update.reason);
    },
  });
}
