import type { ReactNode } from "react";
import { SelectField } from "../../../components/form-field";

/** A SelectField over a fixed list of typed options. */
export function OptionsSelectField<Value extends string>({
  label,
  value,
  options,
  hint,
  onChange,
}: {
  label: string;
  value: Value;
  options: ReadonlyArray<{ value: Value; label: string }>;
  hint?: ReactNode;
  onChange: (value: Value) => void;
}) {
  return (
    <SelectField
      label={label}
      value={value}
      hint={hint}
      onChange={(event) => onChange(event.target.value as Value)}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}
