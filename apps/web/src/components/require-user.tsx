import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import type { SessionUser } from "../lib/types";
import { useSession } from "../lib/use-session";
import { QueryErrorState } from "./error-state";

/**
 * Renders `children(user)` for a signed-in fan; sends everyone else to sign in and back here afterwards.
 * While the session loads, shows `loading`.
 */
export function RequireUser({
  children,
  loading,
}: {
  children: (user: SessionUser) => ReactNode;
  loading: ReactNode;
}) {
  const location = useLocation();
  const { user, query } = useSession();
  if (query.isError && user === undefined) {
    return (
      <div className="container page-pad">
        <QueryErrorState title="We couldn't check your session" query={query} />
      </div>
    );
  }
  if (user === undefined) return <>{loading}</>;
  if (user === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?next=${next}`} replace />;
  }
  return <>{children(user)}</>;
}
