import type { ReactNode } from "react";
import { Link } from "react-router";
import { RequireUser } from "../../components/require-user";
import { Spinner } from "../../components/spinner";

/** Renders its children for an admin; a signed-out visitor is sent to sign in, a fan is told this area is not theirs. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  return (
    <RequireUser
      loading={
        <div className="container page-pad">
          <Spinner label="Checking your access" />
        </div>
      }
    >
      {(user) =>
        user.role === "admin" ? (
          <>{children}</>
        ) : (
          <div className="container page-pad">
            <div className="state" role="alert">
              <p className="state__title">The admin console is for organizers</p>
              <p>
                You're signed in as {user.email}, which is a fan account. <Link to="/">Back to events</Link>
              </p>
            </div>
          </div>
        )
      }
    </RequireUser>
  );
}
