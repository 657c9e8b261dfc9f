import type { AppRouter } from "@frontrow/api";
import type { inferRouterOutputs } from "@trpc/server";

type Outputs = inferRouterOutputs<AppRouter>;

/** Where the fan stands in an event's waiting room (see API.md). */
export type QueueStatus = Outputs["queue"]["join"];
export type QueueState = QueueStatus["state"];
