import type { AppRouter } from "@frontrow/api";
import type { inferRouterOutputs } from "@trpc/server";
import type { ConnectionState } from "../../seat-map/use-seat-map-state";
import { trpc } from "../../../trpc";

type Outputs = inferRouterOutputs<AppRouter>;

/** The organizer's numbers for one event, as `admin.events.dashboard` / `onDashboard` send them. */
export type EventDashboard = Outputs["admin"]["events"]["dashboard"];
export type WaitingRoomStats = NonNullable<EventDashboard["waitingRoom"]>;
export type QueueSample = WaitingRoomStats["samples"][number];

/**
 * The event's dashboard, live: `admin.events.onDashboard` sends it at once and again whenever sales, holds or the
 * waiting room change. The WebSocket link reconnects by itself; `reconnect` restarts a feed that gave up.
 */
export function useLiveDashboard(eventId: string) {
  const subscription = trpc.admin.events.onDashboard.useSubscription({ eventId });
  const dashboard: EventDashboard | undefined = subscription.data;

  let connection: ConnectionState;
  if (subscription.status === "pending") connection = "live";
  else if (subscription.status === "error") connection = "offline";
  else if (subscription.status === "connecting" && subscription.error) connection = "reconnecting";
  else connection = "connecting";

  return { dashboard, connection, error: subscription.error, reconnect: subscription.reset };
}
