import type { ReactNode } from "react";
import { Link } from "react-router";
import { PlusIcon } from "../../components/icons";

/** The top of an admin page: where it sits, its title and what it is for, and its main action beside them. */
export function AdminPageHeader({
  crumbs,
  title,
  lead,
  children,
}: {
  crumbs?: ReactNode;
  title: ReactNode;
  lead?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <header className="admin-page__header">
      <div>
        {crumbs ? <p className="admin-venues__crumbs">{crumbs}</p> : null}
        <h1 className="admin-page__title">{title}</h1>
        {lead ? <p className="muted">{lead}</p> : null}
      </div>
      {children}
    </header>
  );
}

/** The primary "+ New …" link of a list page (and of its empty state). */
export function NewItemLink({ to, label }: { to: string; label: string }) {
  return (
    <Link to={to} className="button button--primary">
      <PlusIcon />
      {label}
    </Link>
  );
}
