/** What the package offers without zod (see constants.ts): `@frontrow/validators/plain`. */
export * from "./constants";
export * from "./seat-map-codec";
export * from "./section-label";
export * from "./hold-price";
export * from "./event-lifecycle";
export * from "./venue-time";
export * from "./time-zone";
export * from "./zoned-date-time";
export * from "./venue-map";
export type { SeatIdsPayload, SeatLayoutPayload, SeatStatusPayload } from "./seat-map";
