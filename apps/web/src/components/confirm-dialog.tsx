import { useEffect, useId, useRef, type ReactNode } from "react";
import { BusyButton } from "./busy-button";

/**
 * A modal confirmation on the native <dialog>: the browser traps focus and makes the page inert, Escape closes
 * it, and focus returns to whatever opened it.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  pending = false,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  pending?: boolean;
  error?: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      // Start on the safe choice.
      cancelRef.current?.focus();
      return () => {
        if (dialog.open) dialog.close();
        opener?.focus();
      };
    }
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        // Escape: close through React state (and not while the request is running).
        event.preventDefault();
        if (!pending) onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content box) closes it.
        if (event.target === event.currentTarget && !pending) onClose();
      }}
    >
      <div className="dialog__content">
        <h2 id={`${id}-title`} className="dialog__title">
          {title}
        </h2>
        <div id={`${id}-body`} className="dialog__body">
          {children}
        </div>
        <div className="dialog__error" role="alert">
          {error}
        </div>
        <div className="dialog__actions">
          <button
            ref={cancelRef}
            type="button"
            className="button button--secondary"
            onClick={onClose}
            disabled={pending}
          >
            {cancelLabel}
          </button>
          <BusyButton
            type="button"
            className="button button--danger"
            busy={pending}
            onClick={onConfirm}
          >
            {confirmLabel}
          </BusyButton>
        </div>
      </div>
    </dialog>
  );
}
