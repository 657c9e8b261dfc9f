import { useId, type InputHTMLAttributes } from "react";

type AdminSearchFieldProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id" | "type" | "className" | "value" | "onChange"
> & {
  label: string;
  /** Added to the field's wrapper. */
  className?: string;
  value: string;
  onChange: (text: string) => void;
};

/** The search box above an admin list (events, an event's orders): a labelled search input. */
export function AdminSearchField({ label, className, value, onChange, ...inputProps }: AdminSearchFieldProps) {
  const id = useId();
  return (
    <div className={`field field--inline${className ? ` ${className}` : ""}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        className="input"
        type="search"
        autoComplete="off"
        maxLength={200}
        {...inputProps}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
