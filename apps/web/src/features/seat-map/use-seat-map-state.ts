import { skipToken, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { trpc } from "../../trpc";
import { columnsOfParts, fetchSeatMap, SeatMapLoadError, seatMapPartsKey, takeArrivedSeatMap } from "./seat-map-parts";
import { SeatModel } from "./seat-model";

export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline";

const noSubscribe = () => () => {};
/** Waits before each automatic attempt after the server ended the feed with an error; then the fan decides. */
const RESUBSCRIBE_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 15_000];
const noVersion = () => -1;

/**
 * The live seat map of an event: loads its layout and status (in parallel; the seat ids too with `withSeatIds`)
 * into a SeatModel, then applies every
 * `seats.onChange` message after the snapshot's sequence. The WebSocket link resends the last tracked id when
 * it reconnects, so a reconnect resumes where it stopped; when the server says the client is too far behind
 * (`refetch`), the snapshot is loaded again and the subscription restarts from its sequence.
 */
export function useSeatMapState(eventId: string, options: { enabled?: boolean; withSeatIds?: boolean } = {}) {
  const { enabled = true, withSeatIds = false } = options;
  const mapQuery = useQuery({
    queryKey: [...seatMapPartsKey(eventId), withSeatIds],
    queryFn: ({ signal }) => fetchSeatMap(eventId, { signal, withSeatIds }),
    // Parts that public/early-seat-map.js (or prefetch-seat-map.ts) already loaded are the data from the start.
    initialData: withSeatIds ? undefined : () => takeArrivedSeatMap(eventId),
    enabled,
    // The snapshot is only a starting point: live changes keep the model current, so never refetch by itself.
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    // A fresh model on every load, even when the new snapshot equals the old one.
    structuralSharing: false,
    // Bad input or an unknown event won't fix itself.
    retry: (failures, error) => !(error instanceof SeatMapLoadError && error.status < 500) && failures < 2,
  });
  const snapshot = mapQuery.data;
  const model = useMemo(() => (snapshot ? new SeatModel(columnsOfParts(snapshot)) : null), [snapshot]);
  // Counts and lists re-render a few times a second at most; the canvas follows every frame on its own.
  const version = useSyncExternalStore(model?.subscribeSummary ?? noSubscribe, model?.getSummaryVersion ?? noVersion);

  /** Automatic resubscriptions since the feed last started. */
  const [attempts, setAttempts] = useState(0);
  const subscription = trpc.seats.onChange.useSubscription(
    snapshot ? { eventId, lastEventId: String(snapshot.status.seq) } : skipToken,
    {
      onStarted() {
        setAttempts(0);
      },
      onData(envelope) {
        if (!model) return;
        model.applyMessage(envelope.data);
        // Behind, or changes of another layout than the one drawn (an organizer changed it): load it again.
        const otherLayout = envelope.data.version !== undefined && envelope.data.version !== model.layoutVersion;
        if (envelope.data.refetch) void mapQuery.refetch();
        else if (otherLayout) void mapQuery.refetch({ cancelRefetch: false });
      },
    },
  );

  // The server ended the feed with an error (a database restarting, say): the map may have missed changes, so load
  // it again and resubscribe from its sequence, backing off, before showing the fan a Retry button.
  const failed = subscription.status === "error";
  const willRetry = failed && attempts < RESUBSCRIBE_DELAYS_MS.length;
  const reload = useRef(() => {});
  useEffect(() => {
    reload.current = () => void mapQuery.refetch().then(() => subscription.reset());
  });
  useEffect(() => {
    if (!willRetry) return;
    const timer = setTimeout(() => {
      setAttempts((count) => count + 1);
      reload.current();
    }, RESUBSCRIBE_DELAYS_MS[attempts]);
    return () => clearTimeout(timer);
  }, [willRetry, attempts]);

  let connection: ConnectionState;
  if (subscription.status === "pending") connection = "live";
  else if (failed) connection = willRetry ? "reconnecting" : "offline";
  else if (subscription.status === "connecting" && subscription.error) connection = "reconnecting";
  else connection = "connecting";

  return {
    model,
    version,
    mapQuery,
    connection,
    /** Starts the live feed again after it gave up (the fan's Retry). */
    reconnect: () => {
      setAttempts(0);
      reload.current();
    },
  };
}
