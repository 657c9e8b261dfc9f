import type { ReactNode } from "react";
import type { SessionUser } from "../lib/types";
import { RequireUser } from "./require-user";

/** A page of the signed-in fan's own (`/orders`, `/transfers`): its heading and lead, then what it shows once signed in. */
export function FanAccountPage({
  className,
  title,
  lead,
  loading,
  children,
}: {
  className: string;
  title: string;
  lead: string;
  loading: ReactNode;
  children: (user: SessionUser) => ReactNode;
}) {
  return (
    <div className={`${className} container`}>
      <title>{`${title} · Frontrow`}</title>
      <header className="orders__header">
        <h1 className="orders__title">{title}</h1>
        <p className="orders__lead">{lead}</p>
      </header>
      <RequireUser loading={loading}>{children}</RequireUser>
    </div>
  );
}
