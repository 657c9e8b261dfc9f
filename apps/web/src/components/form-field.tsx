import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

interface FieldProps {
  label: string;
  error?: string | null;
  hint?: ReactNode;
  /** The label beside the control rather than above it, for filters and pickers. */
  inline?: boolean;
}

interface ControlWiring {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/** The inline error under a field; `id` is what the control's aria-describedby names. */
export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="field__error">
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <circle cx="8" cy="8" r="7" fill="currentColor" />
        <path d="M8 4.5v4M8 11v.5" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      {children}
    </p>
  );
}

/** Label, control, inline error and hint, wired up with aria-invalid / aria-describedby. */
function Field({
  field: { label, error, hint, inline = false },
  hideLabel = false,
  control,
}: {
  field: FieldProps;
  hideLabel?: boolean;
  control: (wiring: ControlWiring) => ReactNode;
}) {
  const id = useId();
  // Once there is an error it says more than the hint, so the hint steps aside.
  const hintId = hint && !error ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field${inline ? " field--inline" : ""}${error ? " field--invalid" : ""}`}>
      <label htmlFor={id} className={hideLabel ? "visually-hidden" : "field__label"}>
        {label}
      </label>
      {control({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": [errorId, hintId].filter(Boolean).join(" ") || undefined,
      })}
      {errorId ? <FieldError id={errorId}>{error}</FieldError> : null}
      {hintId ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

const withClass = (base: string, extra: string | undefined) => (extra ? `${base} ${extra}` : base);

type FormFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> &
  FieldProps & { ref?: Ref<HTMLInputElement> };

/** A labelled input with hint and inline error. */
export function FormField({ label, error, hint, inline, className, ref, ...inputProps }: FormFieldProps) {
  return (
    <Field
      field={{ label, error, hint, inline }}
      control={(wiring) => (
        <input ref={ref} className={withClass("input", className)} {...wiring} {...inputProps} />
      )}
    />
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & FieldProps;

/** A labelled <textarea> with hint and inline error. */
export function TextAreaField({ label, error, hint, inline, className, ...textAreaProps }: TextAreaFieldProps) {
  return (
    <Field
      field={{ label, error, hint, inline }}
      control={(wiring) => (
        <textarea className={withClass("input textarea", className)} {...wiring} {...textAreaProps} />
      )}
    />
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> &
  FieldProps & {
    /** For a label only screen readers need (in a table row). */
    hideLabel?: boolean;
  };

/** A labelled <select> with hint and inline error. */
export function SelectField({
  label,
  error,
  hint,
  inline,
  hideLabel,
  className,
  children,
  ...selectProps
}: SelectFieldProps) {
  return (
    <Field
      field={{ label, error, hint, inline }}
      hideLabel={hideLabel}
      control={(wiring) => (
        <select className={withClass("select", className)} {...wiring} {...selectProps}>
          {children}
        </select>
      )}
    />
  );
}
