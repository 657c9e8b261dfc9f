import { WatchersByEvent } from "../pubsub/watchers-by-event";
import type { ChangeBus } from "./change-bus";
import type { EventLayout, EventLayoutCache } from "./event-layout";
import { backlogMessage, waitBeforeRetry, watchSeatChanges, type SeatChangeMessage } from "./watch-seat-changes";

/** One watcher of an event's seat changes on this process: a seat map's live subscription. */
export interface SeatChangeWatcher {
  readonly eventId: string;
  /** The seq of the last change this watcher was given; undefined: it wants the changes from now on. */
  last: number | undefined;
  /**
   * Takes the next message, in order. The watchers that are up to date get the same message object for a tick, so
   * whatever a watcher makes of it (an encoded frame) can be made once per message.
   */
  deliver(message: SeatChangeMessage): void;
}

export interface SeatChangeHub {
  /** Sends `watcher` every change of its event after `watcher.last` (a replay from the stream first), then live. */
  add(watcher: SeatChangeWatcher): void;
  remove(watcher: SeatChangeWatcher): void;
  /** How many watchers it serves, over every event. */
  size(): number;
  /** Stops every event's feed; watchers get nothing more. */
  close(): void;
}

/** A feed's message with the seq it follows on from: it holds every change after `from` up to `message.seq`. */
interface Offer {
  from: number;
  message: SeatChangeMessage;
}

/** One event's changes on this process: one subscription, one stream reader, one message per tick for all. */
interface Feed {
  eventId: string;
  watchers: Set<SeatChangeWatcher>;
  /** Watchers reading their own backlog from the stream, with the feed's messages that arrived meanwhile. */
  catchingUp: Map<SeatChangeWatcher, Offer[]>;
  /** The seq of the feed's last message (undefined before the first). */
  last: number | undefined;
  layout: EventLayout | undefined;
  stop: AbortController;
  /** Resolves once the feed's subscription is confirmed: a stream read after it misses nothing the feed will not bring. */
  subscribed: Promise<void>;
  onSubscribed: () => void;
}

/** How many watchers get a message before the process turns to other work (a slice is a few milliseconds). */
const DISPATCH_SLICE = 256;

/**
 * Broadcast once, send many: per event, one `watchSeatChanges` feed on this process, whose messages go to every
 * watcher that is up to date as the same object. A watcher that joins behind (resuming from an older seq), or
 * that the feed got ahead of, reads what it missed from the stream on its own and then follows the feed again.
 * Messages carry each seat's latest state, so a message that starts before a watcher's last seq (an overlap) is
 * safe to give it; a gap never is.
 *
 * Idle watchers cost the hub one set entry each: no generator, promise or timer per watcher.
 */
export function createSeatChangeHub(deps: { changeBus: ChangeBus; layouts: EventLayoutCache }): SeatChangeHub {
  const feeds = new WatchersByEvent<SeatChangeWatcher, Feed>(stopFeed);

  const layoutOf = async (feed: Feed) => (feed.layout = await deps.layouts.get(feed.eventId).catch(() => feed.layout));

  function offer(feed: Feed, watcher: SeatChangeWatcher, { from, message }: Offer): void {
    const queued = feed.catchingUp.get(watcher);
    if (queued) {
      queued.push({ from, message });
      return;
    }
    const last = watcher.last;
    if (last === undefined || message.refetch || (from <= last && message.seq > last)) {
      watcher.last = message.seq;
      watcher.deliver(message);
    } else if (from > last) {
      void catchUp(feed, watcher, [{ from, message }]);
    }
  }

  async function catchUp(feed: Feed, watcher: SeatChangeWatcher, queued: Offer[]): Promise<void> {
    feed.catchingUp.set(watcher, queued);
    await feed.subscribed;
    const message = await backlogMessage(deps, {
      eventId: feed.eventId,
      from: watcher.last!,
      signal: feed.stop.signal,
      currentLayout: () => layoutOf(feed),
    });
    feed.catchingUp.delete(watcher);
    if (!feed.watchers.has(watcher)) return;
    if (message) {
      watcher.last = message.seq;
      watcher.deliver(message);
    }
    for (const next of queued) offer(feed, watcher, next);
  }

  function stopFeed(feed: Feed): void {
    feed.stop.abort();
    // Catch-ups still waiting for the subscription end at once (their stream read sees the abort).
    feed.onSubscribed();
  }

  /**
   * Offers a message to the feed's watchers a slice at a time, letting the process answer requests in between: a
   * tick for thousands of watchers is that many socket writes, and fans' holds must not wait behind all of them.
   * Ticks that arrive meanwhile are merged by the feed into its next message.
   */
  async function dispatch(feed: Feed, next: Offer): Promise<void> {
    const watchers = [...feed.watchers];
    for (let start = 0; start < watchers.length; start += DISPATCH_SLICE) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      const end = Math.min(start + DISPATCH_SLICE, watchers.length);
      for (let i = start; i < end; i++) if (feed.watchers.has(watchers[i]!)) offer(feed, watchers[i]!, next);
    }
  }

  async function run(feed: Feed): Promise<void> {
    const { signal } = feed.stop;
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        const messages = watchSeatChanges(deps, {
          eventId: feed.eventId,
          afterSeq: feed.last,
          signal,
          present: (message, from): Offer => ({ from, message }),
          onSubscribed: feed.onSubscribed,
        });
        for await (const next of messages) {
          attempt = 0;
          feed.last = next.message.seq;
          await dispatch(feed, next);
        }
      } catch {
        // Redis refused the subscription: try again, from where the feed was (the stream fills the gap).
        await waitBeforeRetry(attempt, signal);
      }
    }
  }

  return {
    add(watcher) {
      let feed = feeds.get(watcher.eventId);
      if (!feed) {
        let onSubscribed = () => {};
        const subscribed = new Promise<void>((resolve) => (onSubscribed = resolve));
        feed = {
          eventId: watcher.eventId,
          watchers: new Set(),
          catchingUp: new Map(),
          last: undefined,
          layout: undefined,
          stop: new AbortController(),
          subscribed,
          onSubscribed,
        };
        feeds.set(watcher.eventId, feed);
        void run(feed);
      }
      feed.watchers.add(watcher);
      if (watcher.last !== undefined && watcher.last !== feed.last) void catchUp(feed, watcher, []);
    },

    remove(watcher) {
      feeds.removeWatcher(watcher)?.catchingUp.delete(watcher);
    },
    size: () => feeds.watcherCount(),
    close: () => feeds.stopAll(),
  };
}
