import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultSignInLimits } from "@frontrow/core";
import { describe, expect, it } from "vitest";
import { loadEnv } from "./env";

const stateDir = () => mkdtempSync(path.join(tmpdir(), "frontrow-env-"));

describe("sign-in limit settings", () => {
  it("default to defaultSignInLimits and can each be tuned", () => {
    expect(loadEnv({}, stateDir()).signInLimits).toEqual(defaultSignInLimits);
    const tuned = loadEnv(
      {
        SIGN_IN_FAILURES_PER_ACCOUNT_IP: "3",
        SIGN_IN_FAILURES_PER_ACCOUNT: "500",
        SIGN_IN_FAILURES_PER_IP: "200",
        SIGN_IN_WINDOW_MINUTES: "10",
      },
      stateDir(),
    );
    expect(tuned.signInLimits).toEqual({
      perAccountAndIp: { limit: 3, windowMs: 600_000 },
      perAccount: { limit: 500, windowMs: 600_000 },
      perIp: { limit: 200, windowMs: 600_000 },
    });
  });

  it("refuses a limit below one with a clear message", () => {
    expect(() => loadEnv({ SIGN_IN_FAILURES_PER_ACCOUNT_IP: "0" }, stateDir())).toThrow(
      /SIGN_IN_FAILURES_PER_ACCOUNT_IP: Too small/,
    );
  });
});
