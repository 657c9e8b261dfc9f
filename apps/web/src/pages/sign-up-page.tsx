import type { FormEvent, ReactNode } from "react";
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { AuthShell } from "../components/auth-shell";
import { FormAlert } from "../components/form-alert";
import { FormField } from "../components/form-field";
import { Spinner } from "../components/spinner";
import { authErrorMessage } from "../lib/auth-error-message";
import { signUpSchema } from "../lib/auth-schemas";
import { describeError } from "../lib/errors";
import { safeNext } from "../lib/safe-next";
import { useSession } from "../lib/use-session";
import { useValidatedForm } from "../lib/use-validated-form";
import { trpc } from "../trpc";

/** `/signup?next=…` */
export function SignUpPage() {
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get("next"));
  const nextQuery = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const session = useSession();
  const [formError, setFormError] = useState<ReactNode>(null);
  const form = useValidatedForm(signUpSchema, { name: "", email: "", password: "" });
  const register = trpc.auth.register.useMutation();

  if (session.user && !register.isPending && !register.isSuccess) {
    return <Navigate to={next} replace />;
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (register.isPending) return;
    setFormError(null);
    const formElement = event.currentTarget;
    const input = form.validate(formElement);
    if (!input) return;
    try {
      const { user } = await register.mutateAsync(input);
      utils.auth.me.setData(undefined, user);
      await utils.auth.me.invalidate();
      await navigate(next, { replace: true });
    } catch (error) {
      const info = describeError(error);
      const fieldErrorsShown = form.setServerErrors(formElement, info.fieldErrors);
      if (info.domainCode === "EMAIL_TAKEN") {
        form.setErrors((current) => ({ ...current, email: "This email is already registered" }));
      }
      if (!fieldErrorsShown || info.formErrors.length > 0) {
        setFormError(authErrorMessage(error, `/signin${nextQuery}`));
      }
    }
  };

  return (
    <AuthShell
      title="Create your account"
      lead="One account for every on-sale: hold seats, check out fast, keep your tickets in one place."
      footer={
        <>
          Already have an account? <Link to={`/signin${nextQuery}`}>Sign in</Link>
        </>
      }
    >
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <FormAlert>{formError}</FormAlert>
        <FormField
          label="Name"
          type="text"
          autoComplete="name"
          required
          maxLength={100}
          {...form.fieldProps("name")}
        />
        <FormField
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          required
          {...form.fieldProps("email")}
        />
        <FormField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters."
          {...form.fieldProps("password")}
        />
        <button
          type="submit"
          className="button button--primary button--block button--large"
          disabled={register.isPending}
          aria-busy={register.isPending}
        >
          {register.isPending ? <Spinner /> : null}
          Create account
        </button>
      </form>
    </AuthShell>
  );
}
