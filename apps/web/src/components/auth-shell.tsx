import type { ReactNode } from "react";

/** The centred card used by the sign-in and sign-up pages. */
export function AuthShell({
  title,
  lead,
  children,
  footer,
}: {
  title: string;
  lead: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <div className="auth container">
      <title>{`${title} · Frontrow`}</title>
      <div className="auth__card">
        <h1 className="auth__title">{title}</h1>
        <p className="auth__lead">{lead}</p>
        {children}
        <p className="auth__footer">{footer}</p>
      </div>
    </div>
  );
}
