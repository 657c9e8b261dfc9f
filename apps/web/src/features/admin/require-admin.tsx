import type { ReactNode } from "react";
import { Link } from "react-router";
import { RequireRole } from "../../components/require-role";

/** Renders its children for an admin; a signed-out visitor is sent to sign in, a fan is told this area is not theirs. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  return (
    <RequireRole
      roles={["admin"]}
      denied={(user) => (
        <div className="container page-pad">
          <div className="state" role="alert">
            <p className="state__title">The admin console is for organizers</p>
            <p>
              You're signed in as {user.email}, which is a {user.role === "scanner" ? "door staff" : "fan"} account.{" "}
              <Link to="/">Back to events</Link>
            </p>
          </div>
        </div>
      )}
    >
      {children}
    </RequireRole>
  );
}
