import { useEffect, useRef } from "react";
import { Link, NavLink, Outlet, useLocation } from "react-router";
import { useSession } from "../lib/use-session";
import { Logo } from "./logo";
import { UserMenu } from "./user-menu";

function nextParam(pathname: string, search: string): string {
  if (pathname.startsWith("/signin") || pathname.startsWith("/signup")) {
    return search; // keep the existing ?next= when hopping between the two auth pages
  }
  const here = pathname + search;
  return here === "/" ? "" : `?next=${encodeURIComponent(here)}`;
}

/** App shell: top bar, main landmark (focused on navigation), footer. */
export function Layout() {
  const location = useLocation();
  const { user, isLoading } = useSession();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // Move focus and scroll to the top on page changes (not on filter/query-string changes).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo({ top: 0 });
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  const next = nextParam(location.pathname, location.search);
  // The sign-in and sign-up pages link to each other themselves; keep the top bar quiet there.
  const onAuthPage = location.pathname === "/signin" || location.pathname === "/signup";

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__inner container">
          <Link to="/" className="topbar__brand">
            <Logo />
          </Link>
          <nav className="topbar__nav" aria-label="Main">
            <NavLink to="/" end className="topbar__link">
              Events
            </NavLink>
            {user?.role === "admin" ? (
              <NavLink to="/admin" className="topbar__link">
                Admin
              </NavLink>
            ) : null}
          </nav>
          <div className="topbar__session">
            {onAuthPage ? null : isLoading ? (
              <span className="topbar__placeholder" aria-hidden="true" />
            ) : user ? (
              <UserMenu user={user} />
            ) : (
              <>
                <Link to={`/signin${next}`} className="topbar__link">
                  Sign in
                </Link>
                <Link to={`/signup${next}`} className="button button--small button--light">
                  Sign up
                </Link>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        <Outlet />
      </main>
      <footer className="footer">
        <div className="container footer__inner">
          <Logo />
          <p>Open-source ticketing for the on-sales everyone is waiting for.</p>
        </div>
      </footer>
    </div>
  );
}
