import { useState, type ChangeEvent, type FocusEvent } from "react";
import type { z } from "zod";
import { fieldErrorsOf } from "./auth-schemas";

type Values<K extends string> = Record<K, string>;
type Errors<K extends string> = Partial<Record<K, string>>;

/**
 * Small form state helper driven by a zod schema. Errors appear on blur (for fields with a value) and on
 * submit, and are re-checked as the user types once shown.
 */
export function useValidatedForm<K extends string, S extends z.ZodType>(schema: S, initial: Values<K>) {
  const [values, setValues] = useState<Values<K>>(initial);
  const [errors, setErrors] = useState<Errors<K>>({});
  const [submitted, setSubmitted] = useState(false);

  const errorsFor = (next: Values<K>): Errors<K> => {
    const result = schema.safeParse(next);
    return result.success ? {} : (fieldErrorsOf(result.error) as Errors<K>);
  };

  const fieldProps = (name: K) => ({
    name,
    value: values[name],
    error: errors[name] ?? null,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const next = { ...values, [name]: event.target.value };
      setValues(next);
      if (errors[name] || submitted) {
        const found = errorsFor(next);
        setErrors((current) => ({ ...current, [name]: found[name] }));
      }
    },
    onBlur: (event: FocusEvent<HTMLInputElement>) => {
      if (event.target.value === "" && !submitted) return;
      const found = errorsFor(values);
      setErrors((current) => ({ ...current, [name]: found[name] }));
    },
  });

  const focusField = (form: HTMLFormElement, name: string) => {
    const element = form.elements.namedItem(name);
    if (element instanceof HTMLElement) element.focus();
  };

  /** Validates everything; returns the parsed data, or null after showing errors and focusing the first. */
  const validate = (form: HTMLFormElement): z.output<S> | null => {
    setSubmitted(true);
    const result = schema.safeParse(values);
    if (result.success) {
      setErrors({});
      return result.data;
    }
    const found = fieldErrorsOf(result.error) as Errors<K>;
    setErrors(found);
    const first = (Object.keys(values) as K[]).find((key) => found[key]);
    if (first) focusField(form, first);
    return null;
  };

  /** Shows errors that came back from the server (zod field errors), focusing the first. */
  const setServerErrors = (form: HTMLFormElement, fieldErrors: Record<string, string[]>) => {
    const next: Errors<K> = {};
    for (const key of Object.keys(values) as K[]) {
      const message = fieldErrors[key]?.[0];
      if (message) next[key] = message;
    }
    setErrors(next);
    const first = (Object.keys(values) as K[]).find((key) => next[key]);
    if (first) focusField(form, first);
    return Object.keys(next).length > 0;
  };

  return { values, errors, fieldProps, validate, setServerErrors, setErrors };
}
