import type { FormEvent, ReactNode } from "react";
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { AuthShell } from "../components/auth-shell";
import { FormAlert } from "../components/form-alert";
import { FormField } from "../components/form-field";
import { Spinner } from "../components/spinner";
import { authErrorMessage } from "../lib/auth-error-message";
import { signInSchema } from "../lib/auth-schemas";
import { describeError } from "../lib/errors";
import { safeNext } from "../lib/safe-next";
import { useSession } from "../lib/use-session";
import { useValidatedForm } from "../lib/use-validated-form";
import { trpc } from "../trpc";

/** `/signin?next=…` */
export function SignInPage() {
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get("next"));
  const nextQuery = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const session = useSession();
  const [formError, setFormError] = useState<ReactNode>(null);
  const form = useValidatedForm(signInSchema, { email: "", password: "" });
  const login = trpc.auth.login.useMutation();

  if (session.user && !login.isPending && !login.isSuccess) {
    return <Navigate to={next} replace />;
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (login.isPending) return;
    setFormError(null);
    const formElement = event.currentTarget;
    const input = form.validate(formElement);
    if (!input) return;
    try {
      const { user } = await login.mutateAsync(input);
      utils.auth.me.setData(undefined, user);
      await utils.auth.me.invalidate();
      await navigate(next, { replace: true });
    } catch (error) {
      const info = describeError(error);
      const fieldErrorsShown = form.setServerErrors(formElement, info.fieldErrors);
      if (!fieldErrorsShown || info.formErrors.length > 0) setFormError(authErrorMessage(error, "/signin"));
    }
  };

  return (
    <AuthShell
      title="Sign in"
      lead="Welcome back. Sign in to hold seats and see your tickets."
      footer={
        <>
          New to Frontrow? <Link to={`/signup${nextQuery}`}>Create an account</Link>
        </>
      }
    >
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <FormAlert>{formError}</FormAlert>
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
          autoComplete="current-password"
          required
          {...form.fieldProps("password")}
        />
        <button
          type="submit"
          className="button button--primary button--block button--large"
          disabled={login.isPending}
          aria-busy={login.isPending}
        >
          {login.isPending ? <Spinner /> : null}
          Sign in
        </button>
      </form>
    </AuthShell>
  );
}
