import { QueryErrorState } from "../components/error-state";
import type { useRouteEvent } from "../lib/use-route-event";
import { NotFoundPage } from "./not-found-page";

/** What a fan's event page shows when its route names no event or the event failed to load. */
export function RouteEventProblem({
  route,
  pageTitle,
}: {
  route: ReturnType<typeof useRouteEvent>;
  pageTitle: string;
}) {
  if (route.notFound) {
    return (
      <NotFoundPage
        title="Event not found"
        message="This event doesn't exist, or the link is mistyped. Have a look at what's coming up instead."
      />
    );
  }
  const { query } = route;
  if (query.isError) {
    return (
      <div className="container page-pad">
        <title>{`${pageTitle} · Frontrow`}</title>
        <QueryErrorState title="We couldn't load this event" query={query} />
      </div>
    );
  }
  return null;
}
