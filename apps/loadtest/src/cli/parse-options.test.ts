import { describe, expect, it } from "vitest";
import { parseOptions } from "./parse-options";

describe("--embedded", () => {
  it("runs one instance on its own Postgres and Redis", () => {
    expect(parseOptions(["--scenario", "race", "--quick"])).toMatchObject({ embedded: false, instances: 2 });
    expect(parseOptions(["--scenario", "race", "--quick", "--embedded"])).toMatchObject({
      embedded: true,
      instances: 1,
    });
  });

  it("is refused with more instances, or with a scenario that starts servers of its own", () => {
    expect(() => parseOptions(["--embedded", "--instances", "2"])).toThrow("--embedded runs one instance");
    expect(() => parseOptions(["--embedded", "--scenario", "race,faults"])).toThrow("not with faults");
  });
});

describe("--strategies", () => {
  it("runs every strategy by default, a chosen few in the usual order", () => {
    expect(parseOptions(["--scenario", "strategies"]).strategies).toEqual([
      "lua",
      "setnx-pg",
      "pg-optimistic",
      "pg-row-lock",
      "frontrow",
    ]);
    expect(parseOptions(["--scenario", "strategies", "--strategies", "frontrow, lua"]).strategies).toEqual([
      "lua",
      "frontrow",
    ]);
  });

  it("refuses an unknown strategy", () => {
    expect(() => parseOptions(["--strategies", "lua,redlock"])).toThrow('unknown strategy "redlock"');
  });
});
