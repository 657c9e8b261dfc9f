import { useState, type FormEvent, type ReactNode } from "react";
import { useNavigate, useSearchParams } from "react-router";
import type { z } from "zod";
import { trpc } from "../trpc";
import { authErrorMessage } from "./auth-error-message";
import { describeError } from "./errors";
import { safeNext } from "./safe-next";
import type { SessionUser } from "./types";
import { useSession } from "./use-session";
import { useValidatedForm } from "./use-validated-form";

interface AuthMutation<Input> {
  mutateAsync(input: Input): Promise<{ user: SessionUser }>;
  isPending: boolean;
  isSuccess: boolean;
}

/**
 * The submit flow shared by sign-in and sign-up: validate, call the mutation, store the user and go on to
 * `?next=`; server field errors go next to their fields, anything else above the form.
 */
export function useAuthForm<K extends string, S extends z.ZodType>(
  schema: S,
  initial: Record<K, string>,
  mutation: AuthMutation<z.output<S>>,
) {
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get("next"));
  const nextQuery = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const session = useSession();
  const [formError, setFormError] = useState<ReactNode>(null);
  const form = useValidatedForm<K, S>(schema, initial);
  const alreadySignedIn = Boolean(session.user) && !mutation.isPending && !mutation.isSuccess;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setFormError(null);
    const formElement = event.currentTarget;
    const input = form.validate(formElement);
    if (!input) return;
    try {
      const { user } = await mutation.mutateAsync(input);
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

  return { form, formError, onSubmit, next, nextQuery, alreadySignedIn };
}
