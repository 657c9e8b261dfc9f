import { z } from "zod";
import { text } from "./primitives";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export const emailSchema = text()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long")
  .pipe(z.email("Enter a valid email address"));

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters`)
  .refine((password) => password.trim() !== "", "Password cannot be only spaces")
  // Only spaces has its own message above.
  .refine(
    (password) => password.trim() === "" || new Set(password).size > 1,
    "Password cannot be one character repeated",
  );

/** A solved ALTCHA challenge as the widget hands it over (base64 JSON); asked for when the server says so. */
export const proofOfWorkPayload = z
  .string()
  .max(4_000, "The browser check is too long")
  .regex(/^[A-Za-z0-9+/=]*$/, "The browser check is malformed")
  .optional();

export const registerInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: text().trim().min(1, "Enter your name").max(100, "Name is too long"),
  proofOfWork: proofOfWorkPayload,
});
export type RegisterInput = z.infer<typeof registerInput>;

export const loginInput = z.object({
  email: emailSchema,
  // No minimum here: a short password is simply wrong, and must fail like any other wrong password.
  password: z.string().min(1, "Enter your password").max(PASSWORD_MAX_LENGTH),
});
export type LoginInput = z.infer<typeof loginInput>;
