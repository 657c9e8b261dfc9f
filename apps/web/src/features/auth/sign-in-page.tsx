import { Link, Navigate } from "react-router";
import { AuthShell } from "../../components/auth-shell";
import { FormAlert } from "../../components/form-alert";
import { FormField } from "../../components/form-field";
import { Spinner } from "../../components/spinner";
import { signInSchema } from "../../lib/auth-schemas";
import { useAuthForm } from "../../lib/use-auth-form";
import { trpc } from "../../trpc";

/** `/signin?next=…` */
export function SignInPage() {
  const login = trpc.auth.login.useMutation();
  const { form, formError, onSubmit, next, nextQuery, alreadySignedIn } = useAuthForm(
    signInSchema,
    { email: "", password: "" },
    login,
  );
  if (alreadySignedIn) return <Navigate to={next} replace />;

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
