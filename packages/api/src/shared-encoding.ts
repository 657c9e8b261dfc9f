import { randomBytes } from "node:crypto";
import superjson, { type SuperJSONResult } from "superjson";

/**
 * Encode once, send many. A tick's seat changes go to every watcher of the event on this process as the same
 * object; it is marked with `encodeOnce`, which turns it into JSON once. The transformer then passes it (and the
 * `tracked()` envelope around it) through untouched instead of walking it again per subscriber, and the WebSocket
 * encoder splices the cached JSON into each subscriber's frame. Only plain-JSON objects qualify (no dates, maps or
 * undefined values, for which superjson would add meta): anything else is encoded as usual.
 */
const sharedJson = new WeakMap<object, string>();
/** superjson's annotations (e.g. which fields are dates) of objects whose JSON was given with `encodeAs`. */
const sharedMeta = new WeakMap<object, NonNullable<SuperJSONResult["meta"]>>();

export function encodeOnce<T extends object>(value: T): T {
  if (!sharedJson.has(value)) {
    const { json, meta } = superjson.serialize(value);
    if (meta === undefined) sharedJson.set(value, JSON.stringify(json));
  }
  return value;
}

/**
 * Marks `value` as already encoded: `json` is its JSON as superjson would give it and `meta` superjson's
 * annotations (the same object for every value of one shape), for messages built from a shared part and a few
 * fields of their own (a fan's position), whose JSON is cheaper to put together than to serialize.
 */
export function encodeAs<T extends object>(value: T, json: string, meta: NonNullable<SuperJSONResult["meta"]>): T {
  sharedJson.set(value, json);
  sharedMeta.set(value, meta);
  return value;
}

function isShared(value: unknown): value is object {
  return typeof value === "object" && value !== null && sharedJson.has(value);
}

/** A `tracked()` envelope as tRPC builds it per subscriber: `{ id, data }` around the shared message. */
function isSharedEnvelope(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const keys = Object.keys(value);
  const data = (value as { data: unknown }).data;
  return keys.length === 2 && keys[0] === "id" && keys[1] === "data" && isShared(data) && !sharedMeta.has(data);
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function isUnannotated(payload: unknown): payload is { json: unknown } {
  return typeof payload === "object" && payload !== null && "json" in payload && !("meta" in payload);
}

/**
 * Whether superjson would give `value` back unchanged and without annotations: strings, booleans, null, finite
 * numbers other than -0, and arrays and plain objects of those, none of them twice (superjson would record the
 * repeat). Most responses (every refusal's error shape, for one) are such values; checking is a fraction of
 * superjson's walk, which copies every object and builds a path array per value.
 */
function isPlainJson(value: unknown, seen: Set<object>): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      if (seen.has(value)) return false;
      seen.add(value);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i], seen)) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) {
        if (FORBIDDEN_KEYS.has(key) || !isPlainJson((value as Record<string, unknown>)[key], seen)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * superjson, but shared objects (and their tracked envelopes) are passed through as their own JSON, and plain JSON
 * as it is.
 */
export const sharedEncodingTransformer = {
  input: {
    serialize: (value: unknown) => superjson.serialize(value),
    // Input without annotations is its own JSON, just parsed for this request: superjson would copy it whole.
    deserialize: (payload: unknown) =>
      isUnannotated(payload) ? payload.json : superjson.deserialize(payload as SuperJSONResult),
  },
  output: {
    serialize(value: unknown) {
      if (isShared(value)) {
        const meta = sharedMeta.get(value);
        return meta ? { json: value as SuperJSONResult["json"], meta } : { json: value as SuperJSONResult["json"] };
      }
      if (isSharedEnvelope(value)) return { json: value as SuperJSONResult["json"] };
      if (isPlainJson(value, new Set())) return { json: value as SuperJSONResult["json"] };
      return superjson.serialize(value);
    },
    deserialize: superjson.deserialize,
  },
};

// A token no JSON text of ours contains: a shared object's place in a frame, filled in after stringifying.
const PLACEHOLDER = `\u0000shared-${randomBytes(8).toString("hex")}\u0000`;
const QUOTED_PLACEHOLDER = JSON.stringify(PLACEHOLDER);

/** The WebSocket frame encoder: JSON.stringify, with a shared object's cached JSON spliced in, not stringified again. */
export const sharedEncodingWsEncoder = {
  encode(data: unknown): string {
    let shared: string | undefined;
    const text = JSON.stringify(data, (_key, value: unknown) => {
      if (shared === undefined && isShared(value)) {
        shared = sharedJson.get(value);
        return PLACEHOLDER;
      }
      return value;
    });
    return shared === undefined ? text : text.replace(QUOTED_PLACEHOLDER, () => shared!);
  },
  decode(data: string | ArrayBuffer | Uint8Array): unknown {
    if (typeof data !== "string") throw new Error("JSON frames are text");
    return JSON.parse(data);
  },
};
