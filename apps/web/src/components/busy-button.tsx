import type { ButtonHTMLAttributes } from "react";
import { Spinner } from "./spinner";

type BusyButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  /** While its action runs: disabled, aria-busy, and a spinner before the label. */
  busy: boolean;
};

/** A button that cannot be pressed again while its action runs, and shows that it is running. */
export function BusyButton({ busy, disabled, children, ...buttonProps }: BusyButtonProps) {
  return (
    <button {...buttonProps} disabled={busy || disabled} aria-busy={busy}>
      {busy ? <Spinner /> : null}
      {children}
    </button>
  );
}
