import { describe, expect, it } from "vitest";
import { z } from "zod";
import { registerInput } from "./auth";
import { isCommonPassword, registerInputRefusingCommon } from "./common-passwords";

const account = { email: "sam@example.com", name: "Sam" };

function passwordError(schema: z.ZodType, password: string): string | undefined {
  const result = schema.safeParse({ ...account, password });
  if (result.success) return undefined;
  return (z.flattenError(result.error).fieldErrors as Record<string, string[] | undefined>).password?.[0];
}

describe("register passwords", () => {
  it("the shared schema (the sign-up form's too) refuses only spaces and one character repeated", () => {
    expect(passwordError(registerInput, "        ")).toBe("Password cannot be only spaces");
    expect(passwordError(registerInput, " \t \n    ")).toBe("Password cannot be only spaces");
    expect(passwordError(registerInput, "aaaaaaaaaa")).toBe("Password cannot be one character repeated");
    expect(passwordError(registerInput, "1111111111")).toBe("Password cannot be one character repeated");
    expect(passwordError(registerInput, "correct horse battery")).toBeUndefined();
  });

  it("the server's schema also refuses the most common passwords, in any letter case", () => {
    const tooCommon = "This password is too common. Choose one that is harder to guess.";
    for (const password of ["password", "12345678", "PassWord", "iloveyou", "baseball", "sunshine1"]) {
      expect(passwordError(registerInputRefusingCommon, password), password).toBe(tooCommon);
    }
    expect(passwordError(registerInputRefusingCommon, "        ")).toBe("Password cannot be only spaces");
    expect(passwordError(registerInputRefusingCommon, "correct horse battery")).toBeUndefined();
    expect(isCommonPassword("correct horse battery")).toBe(false);
  });
});
