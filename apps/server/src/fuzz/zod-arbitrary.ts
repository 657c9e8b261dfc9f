import fc from "fast-check";
import { edgeValue } from "./edge-cases";

/**
 * fast-check arbitraries derived from a zod 4 schema, for fuzzing. `zod-fast-check` (the known library for this)
 * supports zod 3 only, so this walks zod 4's schema definitions (`schema._zod.def`, the documented way to inspect a
 * schema in zod 4) itself. It covers the kinds our validators use; any other kind gets arbitrary values.
 *
 * `mutate: false` gives values close to valid (right shapes, lengths, ranges and formats; refinements such as
 * `from <= to` are not solved), so a call goes past validation into the use-case; `mutate: true` replaces, at
 * every level with some probability, the value by an edge case (NUL, lone surrogates, NaN, huge numbers,
 * out-of-range dates, deep nesting…) or by a value of the wrong shape (an array for an object, extra or missing
 * keys).
 */

export interface ArbitraryHints {
  /** UUIDs of real rows (events, venues, seats…): a `z.guid()` field without its own list picks among these. */
  ids: readonly string[];
  /**
   * Values that reach past validation, by field name (the key in its object; an array's items take the array's
   * key): `eventId` → real events, `holdId` → real holds, `cardNumber` → test cards… Picked most of the time.
   */
  byField: Readonly<Record<string, readonly string[]>>;
}

interface ZodLike {
  _zod: { def: ZodDef };
}

interface ZodDef {
  type: string;
  checks?: ZodLike[];
  [key: string]: unknown;
}

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number | bigint | Date;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

const defOf = (schema: unknown): ZodDef => (schema as ZodLike)._zod.def;
const checksOf = (def: ZodDef): CheckDef[] => (def.checks ?? []).map((check) => check._zod.def as unknown as CheckDef);

/** Keys that are not in any schema: stripped, or objects and prototypes they might reach. */
const ODD_KEYS = ["extra", "__proto__", "constructor", "prototype", "0", "", "a\0b"] as const;

/** An own property named `key` on `target`, even for `__proto__` (which plain assignment turns into a prototype). */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

/** The value as a string, where a number or an object was expected. */
function asText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "[not JSON]";
  }
}

interface Bounds {
  min: number | undefined;
  max: number | undefined;
  int: boolean;
}

function numberBounds(checks: CheckDef[]): Bounds {
  const bounds: Bounds = { min: undefined, max: undefined, int: false };
  for (const check of checks) {
    if (check.check === "number_format" && /int/.test(check.format ?? "")) bounds.int = true;
    if (check.check === "greater_than" && typeof check.value === "number") {
      bounds.min = check.inclusive ? check.value : check.value + (bounds.int ? 1 : Number.EPSILON * Math.abs(check.value || 1));
    }
    if (check.check === "less_than" && typeof check.value === "number") {
      bounds.max = check.inclusive ? check.value : check.value - (bounds.int ? 1 : Number.EPSILON * Math.abs(check.value || 1));
    }
  }
  return bounds;
}

function lengthBounds(checks: CheckDef[]): { min: number; max: number | undefined } {
  let min = 0;
  let max: number | undefined;
  for (const check of checks) {
    if (check.check === "min_length" && check.minimum !== undefined) min = check.minimum;
    if (check.check === "max_length" && check.maximum !== undefined) max = check.maximum;
    if (check.check === "length_equals" && check.length !== undefined) min = max = check.length;
  }
  return { min, max };
}

/** Years 1 to 9999 mostly, as a Date, an ISO string or epoch milliseconds (the three forms `dateInput` takes). */
function dateArbitrary(): fc.Arbitrary<unknown> {
  const date = fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true });
  return fc.oneof(date, date.map((d) => d.toISOString()), date.map((d) => d.getTime()));
}

export function arbitraryFor(schema: unknown, hints: ArbitraryHints, mutate: boolean): fc.Arbitrary<unknown> {
  const build = (node: unknown, key = ""): fc.Arbitrary<unknown> => {
    const near = nearValid(node, key);
    if (!mutate) return near;
    return fc.oneof({ weight: 10, arbitrary: near }, { weight: 1, arbitrary: edgeValue() }, { weight: 1, arbitrary: wrongShape(node, near) });
  };

  /** A value of the wrong shape for this node: an object's keys added or dropped, an array where one is not… */
  const wrongShape = (node: unknown, near: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => {
    const def = defOf(node);
    if (def.type === "object") {
      return fc.oneof(
        near.map((value) => [value]),
        fc.tuple(near, fc.constantFrom(...ODD_KEYS), edgeValue()).map(([value, key, extra]) =>
          withOwn({ ...(value as Record<string, unknown>) }, key, extra),
        ),
        fc.tuple(near, fc.nat()).map(([value, n]) => {
          const copy = { ...(value as Record<string, unknown>) };
          const keys = Object.keys(copy);
          if (keys.length > 0) delete copy[keys[n % keys.length]!];
          return copy;
        }),
      );
    }
    if (def.type === "array") {
      return fc.oneof(
        near.map((value) => Object.fromEntries((value as unknown[]).map((item, i) => [String(i), item]))),
        near.map((value) => [value]),
        fc.integer({ min: 5_001, max: 20_000 }).map((length) => Array.from({ length }, () => "00000000-0000-0000-0000-000000000000")),
      );
    }
    return fc.oneof(near.map((value) => [value]), near.map((value) => ({ value })), near.map(asText));
  };

  const stringArbitrary = (def: ZodDef, key: string): fc.Arbitrary<unknown> => {
    const checks = checksOf(def);
    const { min, max } = lengthBounds(checks);
    const format = (def.format as string | undefined) ?? checks.find((check) => check.check === "string_format")?.format;
    const pattern = (def.pattern as RegExp | undefined) ?? checks.find((check) => check.check === "string_format")?.pattern;
    const known = hints.byField[key];
    const generic = (): fc.Arbitrary<unknown> => {
      switch (format) {
        case "guid":
        case "uuid":
          return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...hints.ids) }, { weight: 1, arbitrary: fc.uuid() });
        case "email": {
          // zod's own pattern first: fast-check's addresses are RFC 5322's, most of which zod refuses.
          const email = pattern ? fc.stringMatching(new RegExp(pattern.source), { size: "small" }) : fc.emailAddress();
          return fc.oneof(email, email.map((address) => ` ${address.toUpperCase()} `), fc.emailAddress());
        }
        case "url":
          return fc.webUrl({ withQueryParameters: true, withFragments: true });
        default:
          // fast-check matches patterns without flags; ours use `i` for hex digits only, which this keeps valid.
          if (pattern) return fc.stringMatching(new RegExp(pattern.source), { size: "small" });
          return fc.oneof(
            { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max ?? 40, 40)) }) },
            { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: min, maxLength: Math.max(min, Math.min(max ?? 20, 20)) }) },
          );
      }
    };
    if (!known || known.length === 0) return generic();
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: generic() });
  };

  const numberArbitrary = (def: ZodDef): fc.Arbitrary<unknown> => {
    const { min, max, int } = numberBounds(checksOf(def));
    if (int) {
      const low = Math.max(min ?? -1_000_000, Number.MIN_SAFE_INTEGER);
      const high = Math.min(max ?? 1_000_000, Number.MAX_SAFE_INTEGER);
      return fc.oneof(fc.integer({ min: low, max: high }), fc.constantFrom(low, high));
    }
    const low = min ?? -1e6;
    const high = max ?? 1e6;
    return fc.oneof(fc.double({ min: low, max: high, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(low, high));
  };

  const nearValid = (node: unknown, key: string): fc.Arbitrary<unknown> => {
    const def = defOf(node);
    switch (def.type) {
      case "string":
        return stringArbitrary(def, key);
      case "number":
        return numberArbitrary(def);
      case "bigint":
        return fc.bigInt();
      case "boolean":
        return fc.boolean();
      case "date":
        return fc.date();
      case "null":
        return fc.constant(null);
      case "undefined":
      case "void":
        return fc.constant(undefined);
      case "enum":
        return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
      case "literal":
        return fc.constantFrom(...(def.values as unknown[]));
      case "object": {
        const shape = def.shape as Record<string, unknown>;
        const required = Object.keys(shape).filter((name) => !["optional", "default", "prefault"].includes(defOf(shape[name]).type));
        const fields = Object.fromEntries(Object.entries(shape).map(([name, field]) => [name, build(field, name)]));
        return fc.record(fields, { requiredKeys: required });
      }
      case "array": {
        const { min, max } = lengthBounds(checksOf(def));
        return fc.array(build(def.element, key), { minLength: min, maxLength: Math.max(min, Math.min(max ?? 4, min + 4)) });
      }
      case "tuple":
        return fc.tuple(...(def.items as unknown[]).map((item) => build(item, key)));
      case "record":
        return fc.dictionary(fc.string({ maxLength: 10 }), build(def.valueType, key), { maxKeys: 4 });
      case "optional":
      case "default":
      case "prefault":
        return fc.option(build(def.innerType, key), { nil: undefined, freq: 3 });
      case "nullable":
        return fc.option(build(def.innerType, key), { nil: null, freq: 3 });
      case "readonly":
      case "nonoptional":
      case "catch":
        return build(def.innerType, key);
      case "lazy":
        return build((def.getter as () => unknown)(), key);
      case "union":
        return fc.oneof(...(def.options as unknown[]).map((option) => build(option, key)));
      case "pipe": {
        const out = defOf(def.out);
        // `dateInput()`: a Date, string or number coerced to a date; the output says what the input means.
        if (out.type === "date") return dateArbitrary();
        // `text().pipe(z.email())`: the input is any string, the output knows the format.
        if (out.type === "string" && defOf(def.in).type === "string" && out.format) return build(def.out, key);
        if (defOf(def.in).type === "transform") return build(def.out, key);
        return build(def.in, key);
      }
      default:
        return edgeValue();
    }
  };

  return build(schema);
}
