import { describe, expect, it } from "vitest";
import { expandIncludes } from "./scripts";

const includes: Record<string, string> = {
  keys: "local seats = KEYS[1]",
  counts: "--@include keys\nlocal function count() return redis.call('HLEN', seats) end",
  release: "--@include keys\n--@include counts\nlocal function release() return count() end",
  a: "--@include b",
  b: "--@include a",
};
const read = (name: string) => {
  const text = includes[name];
  if (text === undefined) throw new Error(`no include ${name}`);
  return text;
};

describe("Lua includes", () => {
  it("expand what includes include, each once, before what needs it", () => {
    const lua = expandIncludes("--@include release\n--@include counts\nreturn release()", read);
    expect(lua).toBe(
      "local seats = KEYS[1]\nlocal function count() return redis.call('HLEN', seats) end\n" +
        "local function release() return count() end\nreturn release()",
    );
  });

  it("refuse a cycle, naming it", () => {
    expect(() => expandIncludes("--@include a", read)).toThrow("Lua includes form a cycle: a -> b -> a");
  });
});
