import { skipToken, useQuery } from "@tanstack/react-query";
import { useMemo, useSyncExternalStore } from "react";
import { trpc } from "../trpc";
import { fetchSeatMap, SeatMapLoadError, seatMapPartsKey } from "./seat-map-parts";
import { SeatModel } from "./seat-model";

export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline";

const noSubscribe = () => () => {};
const noVersion = () => -1;

/**
 * The live seat map of an event: loads its layout, seat ids and status (in parallel) into a SeatModel, then applies every
 * `seats.onChange` message after the snapshot's sequence. The WebSocket link resends the last tracked id when
 * it reconnects, so a reconnect resumes where it stopped; when the server says the client is too far behind
 * (`refetch`), the snapshot is loaded again and the subscription restarts from its sequence.
 */
export function useSeatMapState(eventId: string, enabled = true) {
  const mapQuery = useQuery({
    queryKey: seatMapPartsKey(eventId),
    queryFn: ({ signal }) => fetchSeatMap(eventId, signal),
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
  const model = useMemo(() => (snapshot ? new SeatModel(snapshot) : null), [snapshot]);
  const version = useSyncExternalStore(model?.subscribe ?? noSubscribe, model?.getVersion ?? noVersion);

  const subscription = trpc.seats.onChange.useSubscription(
    snapshot ? { eventId, lastEventId: String(snapshot.seq) } : skipToken,
    {
      onData(envelope) {
        if (!model) return;
        model.applyMessage(envelope.data);
        if (envelope.data.refetch) void mapQuery.refetch();
      },
    },
  );

  let connection: ConnectionState;
  if (subscription.status === "pending") connection = "live";
  else if (subscription.status === "error") connection = "offline";
  else if (subscription.status === "connecting" && subscription.error) connection = "reconnecting";
  else connection = "connecting";

  return {
    model,
    version,
    mapQuery,
    connection,
    /** Starts the live feed again after it gave up. */
    reconnect: subscription.reset,
  };
}
