import type { Redis } from "./client";
import { keys } from "./keys";

/** The pub/sub channel of organizer changes to events, with the connection's key prefix (channels are not keys). */
export function eventUpdatesChannel(redis: Redis): string {
  return `${redis.options.keyPrefix ?? ""}${keys.eventUpdatesChannel()}`;
}

/** The pub/sub channel of revoked sessions, with the connection's key prefix. */
export function sessionRevocationsChannel(redis: Redis): string {
  return `${redis.options.keyPrefix ?? ""}${keys.sessionRevocationsChannel()}`;
}
