import type { EventUpdate, EventUpdateBus } from "./event-update-bus";
import { WatchersByEvent } from "./watchers-by-event";

/** One watcher of an event's organizer changes on this process (a fan's page, over its WebSocket). */
export interface EventUpdateWatcher {
  readonly eventId: string;
  /** Takes an update; every watcher of the event gets the same object, so its encoding can be made once. */
  deliver(update: EventUpdate): void;
}

export interface EventUpdateHub {
  add(watcher: EventUpdateWatcher): void;
  remove(watcher: EventUpdateWatcher): void;
  size(): number;
  close(): void;
}

interface Watched {
  watchers: Set<EventUpdateWatcher>;
  unsubscribe: (() => void) | undefined;
  stopped: boolean;
}

/** Per event one subscription on this process, whose updates go to every watcher of the event as the same object. */
export function createEventUpdateHub(deps: { eventUpdates: EventUpdateBus }): EventUpdateHub {
  const events = new WatchersByEvent<EventUpdateWatcher, Watched>((watched) => {
    watched.stopped = true;
    watched.unsubscribe?.();
  });

  return {
    add(watcher) {
      let watched = events.get(watcher.eventId);
      if (!watched) {
        const entry: Watched = { watchers: new Set(), unsubscribe: undefined, stopped: false };
        events.set(watcher.eventId, (watched = entry));
        deps.eventUpdates
          .subscribe(watcher.eventId, (update) => {
            for (const one of entry.watchers) one.deliver(update);
          })
          .then(
            (unsubscribe) => (entry.stopped ? unsubscribe() : (entry.unsubscribe = unsubscribe)),
            // Redis refused the subscription: these watchers get no organizer changes until they subscribe again
            // (the layout cache, refreshed on its own, still brings prices and status to their next reads); the
            // next watcher of the event subscribes afresh.
            () => {
              if (events.get(watcher.eventId) === entry) events.delete(watcher.eventId);
            },
          );
      }
      watched.watchers.add(watcher);
    },
    remove(watcher) {
      events.removeWatcher(watcher);
    },
    size: () => events.watcherCount(),
    close: () => events.stopAll(),
  };
}
