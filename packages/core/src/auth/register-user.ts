import { schema, type Database } from "@frontrow/db";
import type { RegisterInput } from "@frontrow/validators";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { hashPassword } from "./password";
import { createSession, generateSessionToken, type Session, type SessionUser } from "./session";

const UNIQUE_VIOLATION = "23505";

export interface SignedIn {
  user: SessionUser;
  session: Session;
  /** The secret the client keeps (cookie); only its hash is stored. */
  token: string;
}

/** Creates a fan account and signs it in. `input` is already validated and its email normalized. */
export async function registerUser(deps: { db: Database; clock: Clock }, input: RegisterInput): Promise<SignedIn> {
  const passwordHash = await hashPassword(input.password);
  let user: SessionUser | undefined;
  try {
    [user] = await deps.db
      .insert(schema.users)
      .values({ email: input.email, name: input.name, passwordHash })
      .returning({
        id: schema.users.id,
        email: schema.users.email,
        name: schema.users.name,
        role: schema.users.role,
      });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError("EMAIL_TAKEN", "An account with this email already exists", { field: "email" });
    }
    throw error;
  }
  if (!user) throw new Error("insert into users returned no row");
  const token = generateSessionToken();
  const session = await createSession(deps, { token, userId: user.id });
  return { user, session, token };
}

function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return (error as { code?: string }).code === UNIQUE_VIOLATION || cause?.code === UNIQUE_VIOLATION;
}
