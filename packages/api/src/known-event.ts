import type { ApiDeps } from "./context";

/**
 * Starts a stream of the event's once the event is known to exist, so an unknown event is refused as NOT_FOUND
 * before the stream starts, like any other call.
 */
export async function whenEventExists<T>(
  deps: Pick<ApiDeps, "layouts">,
  eventId: string,
  startStream: () => T,
): Promise<T> {
  await deps.layouts.get(eventId);
  return startStream();
}
