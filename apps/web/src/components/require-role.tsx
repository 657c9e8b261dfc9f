import type { ReactNode } from "react";
import type { SessionUser } from "../lib/types";
import { RequireUser } from "./require-user";
import { Spinner } from "./spinner";

/**
 * Renders its children for a signed-in user with one of `roles`; a signed-out visitor is sent to sign in, anyone
 * else sees `denied(user)`.
 */
export function RequireRole({
  roles,
  denied,
  children,
}: {
  roles: ReadonlyArray<SessionUser["role"]>;
  denied: (user: SessionUser) => ReactNode;
  children: ReactNode;
}) {
  return (
    <RequireUser
      loading={
        <div className="container page-pad">
          <Spinner label="Checking your access" />
        </div>
      }
    >
      {(user) => (roles.includes(user.role) ? <>{children}</> : denied(user))}
    </RequireUser>
  );
}
