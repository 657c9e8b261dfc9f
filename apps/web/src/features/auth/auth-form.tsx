import type { ComponentProps, FormEvent, ReactNode } from "react";
import { BusyButton } from "../../components/busy-button";
import { FormAlert } from "../../components/form-alert";
import { FormField } from "../../components/form-field";

/** The form of the sign-in and sign-up pages: what went wrong above the fields, the submit button below. */
export function AuthForm({
  formError,
  onSubmit,
  pending,
  submitLabel,
  children,
}: {
  formError: ReactNode;
  onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  pending: boolean;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <FormAlert>{formError}</FormAlert>
      {children}
      <BusyButton type="submit" className="button button--primary button--block button--large" busy={pending}>
        {submitLabel}
      </BusyButton>
    </form>
  );
}

/** The account's email, typed as an address: no autocapitalisation or spell check. */
export function EmailField(props: Omit<ComponentProps<typeof FormField>, "label">) {
  return (
    <FormField
      label="Email"
      type="email"
      autoComplete="email"
      inputMode="email"
      spellCheck={false}
      autoCapitalize="none"
      required
      {...props}
    />
  );
}
