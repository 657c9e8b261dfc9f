import { useState } from "react";
import { Link, Navigate } from "react-router";
import { AuthShell } from "../../components/auth-shell";
import { FormField } from "../../components/form-field";
import { signUpSchema } from "../../lib/auth-schemas";
import { browserCheck } from "../../lib/browser-check";
import { useAuthForm } from "../../lib/use-auth-form";
import { trpc } from "../../trpc";
import { AuthForm, EmailField } from "./auth-form";

/** `/signup?next=…` */
export function SignUpPage() {
  const register = trpc.auth.register.useMutation();
  const utils = trpc.useUtils();
  const [checking, setChecking] = useState(false);
  // Sign-ups may need a proof-of-work (against account farms): solved unseen before the account is created.
  const registerWithCheck = {
    isPending: register.isPending || checking,
    isSuccess: register.isSuccess,
    async mutateAsync(input: Parameters<typeof register.mutateAsync>[0]) {
      setChecking(true);
      try {
        const proofOfWork = await browserCheck(await utils.client.auth.challenge.query());
        return await register.mutateAsync({ ...input, proofOfWork });
      } finally {
        setChecking(false);
      }
    },
  };
  const { form, formError, onSubmit, next, nextQuery, alreadySignedIn } = useAuthForm(
    signUpSchema,
    { name: "", email: "", password: "" },
    registerWithCheck,
  );
  if (alreadySignedIn) return <Navigate to={next} replace />;

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
      <AuthForm
        formError={formError}
        onSubmit={onSubmit}
        pending={registerWithCheck.isPending}
        submitLabel="Create account"
      >
        <FormField
          label="Name"
          type="text"
          autoComplete="name"
          required
          maxLength={100}
          {...form.fieldProps("name")}
        />
        <EmailField {...form.fieldProps("email")} />
        <FormField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters, and not a common password."
          {...form.fieldProps("password")}
        />
      </AuthForm>
    </AuthShell>
  );
}
