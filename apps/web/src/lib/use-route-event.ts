import { isId } from "@frontrow/validators/plain";
import { useParams } from "react-router";
import { trpc } from "../trpc";
import { describeError, isNotFound } from "./errors";

/**
 * The event named by the `:eventId` route parameter. Ids are UUIDs, so anything else is not asked for at all;
 * once the on-sale time has passed, the event is polled until the server flips its status (unless
 * `followOnSale` is false: the page follows the on-sale its own way).
 */
export function useRouteEvent({ followOnSale = true }: { followOnSale?: boolean } = {}) {
  const { eventId = "" } = useParams();
  const validId = isId(eventId);
  const query = trpc.events.byId.useQuery(
    { eventId },
    {
      enabled: validId,
      refetchInterval: (current) => {
        if (!followOnSale) return false;
        const data = current.state.data;
        return data?.status === "scheduled" && data.onSaleAt.getTime() <= Date.now() ? 5_000 : false;
      },
    },
  );
  const notFound =
    !validId ||
    (query.isError && (isNotFound(query.error) || describeError(query.error).code === "BAD_REQUEST"));
  return { eventId, query, notFound };
}
