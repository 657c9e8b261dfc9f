import type { AppRouter } from "@frontrow/api";
import type { inferRouterOutputs } from "@trpc/server";

type Outputs = inferRouterOutputs<AppRouter>;

export type EventSummary = Outputs["events"]["list"]["items"][number];
export type EventDetail = Outputs["events"]["byId"];
export type EventStatus = EventSummary["status"];
export type SessionUser = NonNullable<Outputs["auth"]["me"]>;
