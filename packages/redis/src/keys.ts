/**
 * Every Redis key Frontrow uses is built here. Keys of one event share the hash tag `{e:<eventId>}` so a Redis
 * Cluster keeps them on one slot and a Lua script may touch several of them.
 */
const eventKey = (eventId: string, name: string) => `{e:${eventId}}:${name}`;

export const keys = {
  /** Failed sign-ins for one account (normalized email) from every address. */
  loginFailuresByAccount: (email: string) => `rl:login:account:${email}`,
  /** Failed sign-ins for one account from one client address (an email has no `:` after its `@`). */
  loginFailuresByAccountAndIp: (email: string, ip: string) => `rl:login:account-ip:${email}:${ip}`,
  /** Failed sign-ins from one client address. */
  loginFailuresByIp: (ip: string) => `rl:login:ip:${ip}`,

  /**
   * The KEYS of every hold script, in the order lua/includes/event-keys.lua names them. Adding a key means
   * changing both and the `-10` in the scripts' file names
   * (holdSeats takes one more, the waiting room's active-shoppers key: `-11`).
   */
  holdKeys: (eventId: string) =>
    [
      eventKey(eventId, "seats"),
      eventKey(eventId, "holds"),
      eventKey(eventId, "user-held"),
      eventKey(eventId, "expiry"),
      eventKey(eventId, "ga-held"),
      eventKey(eventId, "ga-available"),
      eventKey(eventId, "seq"),
      eventKey(eventId, "changes"),
      eventKey(eventId, "loaded"),
      eventKey(eventId, "bought"),
    ] as const,
  /** The KEYS of every waiting-room script, in the order lua/includes/queue-keys.lua names them. */
  queueKeys: (eventId: string) =>
    [
      eventKey(eventId, "q:pre"),
      eventKey(eventId, "q:pre-order"),
      eventKey(eventId, "q:line"),
      eventKey(eventId, "q:place"),
      eventKey(eventId, "q:state"),
      eventKey(eventId, "q:active"),
      eventKey(eventId, "q:fence"),
      eventKey(eventId, "q:left"),
    ] as const,
  /** Who runs the event's admitter, and for how long. */
  queueLease: (eventId: string) => eventKey(eventId, "q:lease"),
  /** The waiting room's recent history for the organizer's chart: a capped list of JSON samples, oldest first. */
  queueSamples: (eventId: string) => eventKey(eventId, "q:samples"),
  /** The pub/sub channel carrying the event's admission head. */
  queueChannel: (eventId: string) => eventKey(eventId, "q:head"),
  /** The pub/sub channel carrying the event's seat changes (not a key: the key prefix is added by the caller). */
  seatChangesChannel: (eventId: string) => eventKey(eventId, "seat-changes"),
  /**
   * The pub/sub channel of organizer changes to any event (status, details, prices, inventory, admission). One
   * channel for all events, not one per event: every instance must hear every change to drop its cached layout.
   */
  eventUpdatesChannel: () => "event-updates",
  /** The pub/sub channel on which a revoked session's id goes to every instance (each drops it from its cache). */
  sessionRevocationsChannel: () => "session-revocations",
} as const;
