/**
 * Per event, what serves the event's watchers on this process (a feed, a subscription), with the watchers it
 * serves. It lasts while it has a watcher: the last one's removal stops it, and so does closing the hub.
 */
export class WatchersByEvent<
  Watcher extends { readonly eventId: string },
  Entry extends { watchers: Set<Watcher> },
> extends Map<string, Entry> {
  constructor(private readonly stop: (entry: Entry) => void) {
    super();
  }

  /** Takes `watcher` out of its event's entry, if there; returns that entry (stopped if the watcher was its last). */
  removeWatcher(watcher: Watcher): Entry | undefined {
    const entry = this.get(watcher.eventId);
    if (!entry?.watchers.delete(watcher)) return undefined;
    if (entry.watchers.size === 0) {
      this.delete(watcher.eventId);
      this.stop(entry);
    }
    return entry;
  }

  /** How many watchers there are, over every event. */
  watcherCount(): number {
    let watchers = 0;
    for (const entry of this.values()) watchers += entry.watchers.size;
    return watchers;
  }

  /** Stops every event's entry; their watchers get nothing more. */
  stopAll(): void {
    for (const entry of this.values()) this.stop(entry);
    this.clear();
  }
}
