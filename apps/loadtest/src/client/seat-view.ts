import { FanClient } from "./fan-client";
import { MapView } from "./map-view";
import { SeatWatcher, type SeatChangeMessage } from "./seat-watcher";

/** Which seats a fan's screen shows as taken, kept current by one source that every fan shares. */
export interface SeatView {
  isTaken(seatId: string): boolean;
  /** Updates received so far (messages, polls): a view that stopped updating is a stale one. */
  readonly updates: number;
  close(): Promise<void>;
}

/**
 * The seat map as the web app keeps it: a `seats.map` snapshot and one `seats.onChange` WebSocket subscription on
 * top, reloading the snapshot when told to refetch. Resolves once the subscription has started.
 */
export async function watchSeatMap(url: string, eventId: string): Promise<SeatView> {
  const anonymous = new FanClient({ email: "", password: "" }, [url], 0);
  const view = new MapView();
  const load = async () => {
    const map = await anonymous.trpc.seats.map.query({ eventId });
    view.reset(map.seq, map.seats);
    return map.seq;
  };
  const fromSeq = await load();
  let updates = 0;
  let closed = false;
  let watcher: SeatWatcher | undefined;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      void watcher?.close();
      reject(new Error("seats.onChange did not start within 10 s"));
    }, 10_000);
    const onMessage = (message: SeatChangeMessage) => {
      updates++;
      view.apply(message);
      if (view.needsRefetch && !view.refetching && !closed) {
        view.refetching = true;
        // As the web app does: a new snapshot, then the subscription again from its sequence.
        void load().then(
          (seq) => watcher?.resubscribe(seq, onMessage),
          () => {
            view.refetching = false;
          },
        );
      }
    };
    watcher = new SeatWatcher(
      () => url,
      eventId,
      fromSeq,
      onMessage,
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
  return {
    isTaken: (seatId) => (view.status.get(seatId) ?? "available") !== "available",
    get updates() {
      return updates;
    },
    async close() {
      closed = true;
      await watcher?.close();
    },
  };
}
