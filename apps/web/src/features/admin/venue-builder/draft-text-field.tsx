import type { ComponentProps } from "react";
import { FormField } from "../../../components/form-field";

type DraftTextFieldProps<Name extends string> = Omit<
  ComponentProps<typeof FormField>,
  "name" | "value" | "error" | "onChange"
> & {
  name: Name;
  draft: Record<Name, string>;
  errors: Partial<Record<Name, string>>;
  onChange: (patch: Partial<Record<Name, string>>) => void;
};

/**
 * A text field of the venue forms (details, map, a section) bound to one key of their draft: its text as typed,
 * its error, and a patch of that key on every change.
 */
export function DraftTextField<Name extends string>({
  name,
  draft,
  errors,
  onChange,
  ...inputProps
}: DraftTextFieldProps<Name>) {
  return (
    <FormField
      name={name}
      value={draft[name]}
      autoComplete="off"
      error={errors[name] ?? null}
      onChange={(event) => onChange({ [name]: event.target.value } as Partial<Record<Name, string>>)}
      {...inputProps}
    />
  );
}
