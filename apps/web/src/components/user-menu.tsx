import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { describeError } from "../lib/errors";
import type { SessionUser } from "../lib/types";
import { trpc } from "../trpc";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "";
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase() || "?";
}

/** The signed-in user's button with a small disclosure panel holding "Sign out". */
export function UserMenu({ user }: { user: SessionUser }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const logout = trpc.auth.logout.useMutation();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  const signOut = async () => {
    setError(null);
    try {
      await logout.mutateAsync();
    } catch (cause) {
      const info = describeError(cause);
      setError(info.network ? "Couldn't reach Frontrow. Try again." : "Couldn't sign out. Try again.");
      return;
    }
    setOpen(false);
    utils.auth.me.setData(undefined, null);
    // Drop everything that may have been fetched as this user, then refresh what is on screen.
    queryClient.removeQueries({ predicate: (query) => query.getObserversCount() === 0 });
    await queryClient.invalidateQueries();
  };

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="user-menu__avatar" aria-hidden="true">
          {initials(user.name)}
        </span>
        <span className="user-menu__name">{user.name}</span>
        <svg className="user-menu__chevron" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      </button>
      <div id={panelId} className="user-menu__panel" hidden={!open}>
        <p className="user-menu__who">
          <span className="user-menu__label">Signed in as</span>
          <span className="user-menu__email">{user.email}</span>
          {user.role === "admin" ? <span className="badge badge--neutral">Admin</span> : null}
          {user.role === "scanner" ? <span className="badge badge--neutral">Door staff</span> : null}
        </p>
        <Link to="/orders" className="user-menu__item" onClick={() => setOpen(false)}>
          My orders
        </Link>
        <Link to="/transfers" className="user-menu__item" onClick={() => setOpen(false)}>
          Incoming transfers
        </Link>
        {user.role === "scanner" || user.role === "admin" ? (
          <Link to="/scan" className="user-menu__item" onClick={() => setOpen(false)}>
            Door scanner
          </Link>
        ) : null}
        <button
          type="button"
          className="user-menu__item"
          onClick={() => void signOut()}
          disabled={logout.isPending}
          aria-busy={logout.isPending}
        >
          Sign out
        </button>
        <p className="user-menu__error" role="alert">
          {error}
        </p>
      </div>
    </div>
  );
}
