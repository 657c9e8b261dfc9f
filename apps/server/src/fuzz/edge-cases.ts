import fc from "fast-check";

/**
 * Values that have broken servers like this one: what Postgres, Redis, JSON, dates and JavaScript numbers cannot
 * take as they are. Each is sent through superjson (the API's transformer), so NaN, Infinity, undefined, BigInt,
 * invalid dates, Maps and Sets reach the server as such.
 */
export const EDGE_STRINGS: readonly string[] = [
  "",
  " ",
  "\0",
  "a\0b",
  "\uD800",
  "x\uDFFFy",
  "\uDBFF\uDFFF",
  "💥",
  "\u202Eevil",
  "e\u0301",
  "\r\n\t",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e400",
  "-0",
  "0x1F",
  "9".repeat(400),
  "0000-01-01",
  "0001-01-01T00:00:00.000Z",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "+999999-01-01",
  "2024-02-30",
  "9999-12-31T23:59:59.999Z",
  "-".repeat(36),
  "00000000-0000-0000-0000-000000000000",
  "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
  "00000000-0000-0000-0000-000000000000\0",
  "00000000-0000-0000-0000-000000000000.00000000-0000-0000-0000-000000000000",
  "' OR '1'='1",
  "'; drop table users; --",
  "$1",
  "%s%n%x",
  "%E0%A4%A",
  "../../../etc/passwd",
  "__proto__",
  "constructor",
  "toString",
  "<script>alert(1)</script>",
  "{e:x}:seats",
  "*",
  "\\",
  "null",
  "true",
  "a".repeat(5_000),
  "é".repeat(3_000),
];

/** Strings too long for any field: sent in POST bodies (a GET's URL this long is refused by Node with 431). */
export const HUGE_STRINGS: readonly string[] = ["a".repeat(200_000), "\u{1F4A5}".repeat(60_000), "\0".repeat(100_000)];

export const EDGE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1,
  0.5,
  1e40,
  -1e40,
  2 ** 31,
  2 ** 53 + 2,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  8.64e15,
  -8.64e15,
  8.64e15 + 1,
  -62_135_596_800_001,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e-320,
];

export const EDGE_DATES: readonly Date[] = [
  new Date(Number.NaN),
  new Date(8.64e15),
  new Date(-8.64e15),
  new Date("0000-01-01T00:00:00.000Z"),
  new Date(-62_135_596_800_001),
  new Date(253_402_300_800_000),
  new Date(0),
];

/** Nested arrays and objects `depth` deep around `leaf`. */
export function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** A value of any kind taken from the edge cases above, or a random one of an unexpected shape. */
export function edgeValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
    { weight: 4, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
    { weight: 2, arbitrary: fc.constantFrom(...EDGE_DATES) },
    {
      weight: 3,
      arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, [], {}, [null], { __proto__: null }, 10n ** 30n, -1n),
    },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(new Map([["a", 1]]), new Set([1, "a"]), /x/g) },
    { weight: 1, arbitrary: fc.integer({ min: 20, max: 300 }).map((depth) => nested(depth)) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withNullPrototype: true }) },
  );
}
