/**
 * Constants and checks that need no zod. Everything here is also exported from the package's main entry; the web
 * app's first page imports them from `@frontrow/validators/plain`, so zod's schemas stay out of its main bundle.
 */

export const eventCategories = ["concert", "sports", "theatre", "comedy", "family", "festival"] as const;
export type EventCategory = (typeof eventCategories)[number];

/** A UUID in its canonical 8-4-4-4-12 hex form. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is an id `idSchema` accepts (any UUID-shaped string), without building a schema. */
export function isId(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}

/**
 * Queries heavy enough (a whole seat map or venue) to be refused inside a batch of more than one call: the client
 * sends each on its own request (apps/web's non-batching link), so one request's cost stays bounded.
 */
export const UNBATCHED_QUERIES: readonly string[] = ["seats.map", "admin.events.byId", "admin.venues.byId"];
