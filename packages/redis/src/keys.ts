/**
 * Every Redis key Frontrow uses is built here. Keys of one event share the hash tag `{e:<eventId>}` so a Redis
 * Cluster keeps them on one slot and a Lua script may touch several of them.
 */
export const keys = {
  /** Failed sign-ins for one account (normalized email). */
  loginFailuresByAccount: (email: string) => `rl:login:account:${email}`,
  /** Failed sign-ins from one client address. */
  loginFailuresByIp: (ip: string) => `rl:login:ip:${ip}`,
  /** Event-scoped key: `{e:<eventId>}:<name>`. */
  event: (eventId: string, name: string) => `{e:${eventId}}:${name}`,
} as const;
