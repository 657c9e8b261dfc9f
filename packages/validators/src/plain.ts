/** What the package offers without zod (see constants.ts): `@frontrow/validators/plain`. */
export * from "./constants";
export * from "./seat-map-codec";
export type { SeatIdsPayload, SeatLayoutPayload, SeatStatusPayload } from "./seat-map";
