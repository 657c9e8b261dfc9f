import { createHash, randomBytes } from "node:crypto";

/**
 * An event's `searchText`: the words the catalog's search matches, lower-cased. A venue's rename rebuilds it in SQL
 * (packages/core/src/admin/edit-venue-sections.ts), in the same order.
 */
export function eventSearchText(
  event: { name: string; performer: string; category: string },
  venue: { name: string; city: string },
): string {
  return [event.name, event.performer, venue.name, venue.city, event.category].join(" ").toLowerCase();
}

/**
 * A new waiting room's fairness seed and its hash: the hash is public from now on, the seed only once the line
 * started, so anyone can check the pre-queue's order was fixed in advance.
 */
export function newFairnessSeed(): { fairnessSeed: string; fairnessSeedHash: string } {
  const fairnessSeed = randomBytes(32).toString("hex");
  return { fairnessSeed, fairnessSeedHash: createHash("sha256").update(fairnessSeed).digest("hex") };
}

/**
 * A new event's waiting-room columns: none without a waiting room; with one, its rules (the defaults where unset)
 * and a new fairness seed.
 */
export function newWaitingRoomColumns(
  waitingRoom:
    { admitRatePerMinute?: number; maxActiveShoppers?: number; shoppingWindowSeconds?: number } | undefined,
  preQueueOpensAt: Date | null,
) {
  const fairness = waitingRoom ? newFairnessSeed() : null;
  return {
    waitingRoomEnabled: waitingRoom !== undefined,
    preQueueOpensAt,
    admitRatePerMinute: waitingRoom?.admitRatePerMinute ?? 600,
    maxActiveShoppers: waitingRoom?.maxActiveShoppers ?? 1_000,
    shoppingWindowSeconds: waitingRoom?.shoppingWindowSeconds ?? 600,
    fairnessSeed: fairness?.fairnessSeed ?? null,
    fairnessSeedHash: fairness?.fairnessSeedHash ?? null,
  };
}
