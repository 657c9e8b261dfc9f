import { useId, type ReactNode, type SelectHTMLAttributes } from "react";
import { FieldError } from "./field-error";

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  label: string;
  error?: string | null;
  hint?: ReactNode;
  /** Shown instead of the label, for a label that only screen readers need (in a table row). */
  hideLabel?: boolean;
};

/** A labelled <select> with hint and inline error, wired like FormField. */
export function SelectField({
  label,
  error,
  hint,
  hideLabel = false,
  className,
  children,
  ...selectProps
}: SelectFieldProps) {
  const id = useId();
  const hintId = hint && !error ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id} className={hideLabel ? "visually-hidden" : "field__label"}>
        {label}
      </label>
      <select
        id={id}
        className={`select${className ? ` ${className}` : ""}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
        {...selectProps}
      >
        {children}
      </select>
      {error && errorId ? <FieldError id={errorId}>{error}</FieldError> : null}
      {hintId ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
