/**
 * Every Redis key Frontrow uses is built here. Keys of one event share the hash tag `{e:<eventId>}` so a Redis
 * Cluster keeps them on one slot and a Lua script may touch several of them.
 */
const eventKey = (eventId: string, name: string) => `{e:${eventId}}:${name}`;

/**
 * An event's inventory keys, by name: the seats' states, live holds, per-fan and per-address counts, hold
 * expiries, general-admission places held and left, the change sequence and stream, the loaded marker and the
 * tickets bought per fan, and the seats listed for resale.
 */
const eventInventory = (eventId: string) => ({
  seats: eventKey(eventId, "seats"),
  holds: eventKey(eventId, "holds"),
  userHeld: eventKey(eventId, "user-held"),
  expiry: eventKey(eventId, "expiry"),
  gaHeld: eventKey(eventId, "ga-held"),
  gaAvailable: eventKey(eventId, "ga-available"),
  seq: eventKey(eventId, "seq"),
  changes: eventKey(eventId, "changes"),
  loaded: eventKey(eventId, "loaded"),
  bought: eventKey(eventId, "bought"),
  /**
   * SET of the seats listed for resale (not in `inventoryKeyNames`: only the scripts that list, withdraw, sell,
   * load or hold get it, after their other keys). A hold of none of them needs no price from Postgres.
   */
  resaleSeats: eventKey(eventId, "resale-seats"),
});

/**
 * The order in which every hold script gets `eventInventory`'s keys as KEYS, as lua/includes/event-keys.lua
 * names them. Adding a key means changing both and the `-10` in the scripts' file names (holdSeats takes four
 * more: the waiting room's active-shoppers key, its two rate-limit windows and the seats listed for resale, `-14`;
 * the other scripts that get that set take it last too).
 */
export const inventoryKeyNames = [
  "seats",
  "holds",
  "userHeld",
  "expiry",
  "gaHeld",
  "gaAvailable",
  "seq",
  "changes",
  "loaded",
  "bought",
] as const satisfies ReadonlyArray<keyof ReturnType<typeof eventInventory>>;

/** An event's waiting-room keys, by name. */
const waitingRoom = (eventId: string) => ({
  pre: eventKey(eventId, "q:pre"),
  preOrder: eventKey(eventId, "q:pre-order"),
  line: eventKey(eventId, "q:line"),
  place: eventKey(eventId, "q:place"),
  state: eventKey(eventId, "q:state"),
  active: eventKey(eventId, "q:active"),
  fence: eventKey(eventId, "q:fence"),
  left: eventKey(eventId, "q:left"),
});

/** The order in which every waiting-room script gets `waitingRoom`'s keys as KEYS (lua/includes/queue-keys.lua). */
export const waitingRoomKeyNames = [
  "pre",
  "preOrder",
  "line",
  "place",
  "state",
  "active",
  "fence",
  "left",
] as const satisfies ReadonlyArray<keyof ReturnType<typeof waitingRoom>>;

export const keys = {
  /** An event's inventory keys, by name (hold scripts get them as KEYS in `inventoryKeyNames`' order). */
  eventInventory,
  /** Failed sign-ins for one account (normalized email) from every address. */
  loginFailuresByAccount: (email: string) => `rl:login:account:${email}`,
  /** Failed sign-ins for one account from one client address (an email has no `:` after its `@`). */
  loginFailuresByAccountAndIp: (email: string, ip: string) => `rl:login:account-ip:${email}:${ip}`,
  /** Failed sign-ins from one client address. */
  loginFailuresByIp: (ip: string) => `rl:login:ip:${ip}`,

  /**
   * Present while an organizer has paused sales: the pause's start (ms). Hold timers stand still meanwhile (the
   * sweeper skips the event); resuming moves every hold's expiry by the pause's length (resume-holds-11.lua).
   */
  salesPaused: (eventId: string) => eventKey(eventId, "sales-paused"),
  /**
   * Present while the checkout that claimed a fan's idempotency key is alive: its value is that claim's time (ms),
   * renewed by the checkout until it ends. A retry finding it gone may take the key over.
   */
  checkoutLease: (eventId: string, userId: string, idempotencyKey: string) =>
    eventKey(eventId, `checkout-lease:${userId}:${idempotencyKey}`),
  /**
   * One fan's recent `holds.create` requests on an event, and one client address's (sliding windows; see
   * hold-seats-14.lua, which gets them after the hold keys and the active-shoppers key).
   */
  holdAttemptsByFan: (eventId: string, userId: string) => eventKey(eventId, `rl:holds:fan:${userId}`),
  holdAttemptsByIp: (eventId: string, ip: string) => eventKey(eventId, `rl:holds:ip:${ip}`),
  /** Registrations from one client address. */
  registrationsByIp: (ip: string) => `rl:register:ip:${ip}`,
  /** `queue.join` requests of one fan on an event, and from one client address on it. */
  queueJoinsByFan: (eventId: string, userId: string) => eventKey(eventId, `rl:join:fan:${userId}`),
  queueJoinsByIp: (eventId: string, ip: string) => eventKey(eventId, `rl:join:ip:${ip}`),
  /** A proof-of-work challenge that was used already (by its signature), kept until the challenge expires. */
  proofOfWorkUsed: (signature: string) => `pow:used:${signature}`,
  /** An event's waiting-room keys, by name (its scripts get them as KEYS in `waitingRoomKeyNames`' order). */
  waitingRoom,
  /** Who runs the event's admitter, and for how long. */
  queueLease: (eventId: string) => eventKey(eventId, "q:lease"),
  /** The waiting room's recent history for the organizer's chart: a capped list of JSON samples, oldest first. */
  queueSamples: (eventId: string) => eventKey(eventId, "q:samples"),
  /**
   * The waiting list's Redis side (the list itself is in Postgres): seats back on sale that no request fitted yet,
   * and each entry's live offer (its hold id). offer-returned-14.lua gets them after the hold keys.
   */
  waitingListPool: (eventId: string) => eventKey(eventId, "wl:pool"),
  waitingListOffers: (eventId: string) => eventKey(eventId, "wl:offers"),
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
