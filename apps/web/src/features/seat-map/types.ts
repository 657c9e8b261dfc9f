import type { AppRouter } from "@frontrow/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { assembleSeatMap } from "@frontrow/validators";

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

/** A seat map snapshot: the layout, seat ids and status put together (`seats.map` returns the same shape and more). */
export type SeatMapSnapshot = ReturnType<typeof assembleSeatMap>;
export type SnapshotSeat = SeatMapSnapshot["seats"][number];
export type SnapshotSection = SeatMapSnapshot["sections"][number];
export type SnapshotTier = SeatMapSnapshot["tiers"][number];
export type SeatStatus = SnapshotSeat["status"];

/** One message of `seats.onChange` (the data inside the tracked envelope). */
export type SeatChangeMessage =
  Outputs["seats"]["onChange"] extends AsyncIterable<infer Message>
    ? Message extends { data: infer Data }
      ? Data
      : never
    : never;
export type InventoryChange = SeatChangeMessage["changes"][number];

/** A hold as `holds.create` / `holds.mine` return it. */
export type Hold = Outputs["holds"]["create"];
/** What `holds.create` takes. */
export type HoldInput = Inputs["holds"]["create"];
export type MyHold = Outputs["holds"]["mine"][number];
