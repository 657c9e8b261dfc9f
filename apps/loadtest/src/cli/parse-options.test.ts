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
