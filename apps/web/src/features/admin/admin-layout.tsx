import { NavLink, Outlet } from "react-router";
import { RequireAdmin } from "./require-admin";
import "./admin.css";

/** The admin console's frame: its own navigation beside every admin page. */
export function AdminLayout() {
  return (
    <RequireAdmin>
      <div className="admin container">
        <nav className="admin__nav" aria-label="Admin">
          <p className="admin__title">Admin</p>
          <NavLink to="/admin" end className="admin__link">
            Events
          </NavLink>
          <NavLink to="/admin/venues" className="admin__link">
            Venues
          </NavLink>
          <NavLink to="/admin/audit" className="admin__link">
            Audit log
          </NavLink>
        </nav>
        <div className="admin__content">
          <Outlet />
        </div>
      </div>
    </RequireAdmin>
  );
}
