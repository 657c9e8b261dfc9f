import type { AppRouter } from "@frontrow/api";
import type { inferRouterOutputs } from "@trpc/server";

type Outputs = inferRouterOutputs<AppRouter>;

export type Order = Outputs["orders"]["byId"];
export type OrderSummary = Outputs["orders"]["list"][number];
export type OrderTicket = Order["tickets"][number];
export type MyHold = Outputs["holds"]["mine"][number];
export type SeatMap = Outputs["seats"]["map"];
