import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root";

export { appRouter, type AppRouter } from "./root";
export { createCallerFactory, INTERNAL_ERROR_MESSAGE } from "./trpc";
export * from "./context";
export * from "./session-cookie";
export { trpcCodeFor } from "./error-mapping";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { sharedEncodingWsEncoder } from "./shared-encoding";
export * from "./live-subscriptions";
export {
  UNBATCHED_QUERIES,
  assembleSeatMap,
  fromIndexGaps,
  layoutRequest,
  seatIdsSchema,
  seatLayoutSchema,
  seatStatusSchema,
  statusRequest,
  type SeatIdsPayload,
  type SeatLayoutPayload,
  type SeatStatusPayload,
} from "@frontrow/validators";
