import { describe, expect, it } from "vitest";
import { parseOptions } from "../cli/parse-options";
import { runsPerProcedure } from "./fuzz";

describe("scenario fuzz", () => {
  it("is chosen with --scenario fuzz and takes --runs (20,000 unless given)", () => {
    expect(parseOptions(["--scenario", "fuzz"])).toMatchObject({ scenarios: ["fuzz"], runs: 20_000 });
    expect(parseOptions(["--scenario", "fuzz", "--runs", "500", "--seed", "7"])).toMatchObject({ runs: 500, seed: 7 });
    expect(() => parseOptions(["--runs", "0"])).toThrow("--runs must be an integer");
  });

  it("spreads --runs over every procedure, the subscriptions' WebSocket calls and four shares of raw requests", () => {
    // 44 procedures, 4 of them subscriptions: 52 shares.
    expect(runsPerProcedure(20_000, 44, 4)).toBe(385);
    expect(runsPerProcedure(10, 44, 4)).toBe(1);
  });
});
