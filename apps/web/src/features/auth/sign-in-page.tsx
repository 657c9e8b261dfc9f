import { Link, Navigate } from "react-router";
import { AuthShell } from "../../components/auth-shell";
import { FormField } from "../../components/form-field";
import { signInSchema } from "../../lib/auth-schemas";
import { useAuthForm } from "../../lib/use-auth-form";
import { trpc } from "../../trpc";
import { AuthForm, EmailField } from "./auth-form";

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
      <AuthForm formError={formError} onSubmit={onSubmit} pending={login.isPending} submitLabel="Sign in">
        <EmailField {...form.fieldProps("email")} />
        <FormField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          {...form.fieldProps("password")}
        />
      </AuthForm>
    </AuthShell>
  );
}
