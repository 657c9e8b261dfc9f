import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Redis } from "./client";

/** The lua/ folder, resolved by package name so it is found from source, tests and the server bundle alike. */
function luaFolder(): string {
  const pkg = createRequire(import.meta.url).resolve("@frontrow/redis/package.json");
  return path.join(path.dirname(pkg), "lua");
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export interface ScriptFile {
  /** The file's name without `-<numberOfKeys>.lua`, e.g. `hold-seats`. */
  name: string;
  command: string;
  numberOfKeys: number;
  lua: string;
}

let cached: ScriptFile[] | undefined;

/**
 * Replaces each `--@include name` line with the include's text (lua/includes/name.lua), so scripts share routines
 * without copies. Includes may include others: each is expanded once, where it is first needed (after what it
 * includes); a cycle is an error naming it.
 */
export function expandIncludes(
  lua: string,
  read: (name: string) => string,
  expanded = new Set<string>(),
  within: readonly string[] = [],
): string {
  return lua.replace(/^--@include ([\w-]+)[ \t]*(\r?\n|$)/gm, (_, name: string) => {
    if (within.includes(name)) throw new Error(`Lua includes form a cycle: ${[...within, name].join(" -> ")}`);
    if (expanded.has(name)) return "";
    expanded.add(name);
    return expandIncludes(read(name), read, expanded, [...within, name]).replace(/\n?$/, "\n");
  });
}

/** Every `lua/<name>-<numberOfKeys>.lua` with its includes expanded, read once per process. */
export function scriptFiles(): ScriptFile[] {
  if (cached) return cached;
  const folder = luaFolder();
  cached = readdirSync(folder)
    .filter((file) => file.endsWith(".lua"))
    .map((file) => {
      const match = /^(.+)-(\d+)\.lua$/.exec(file);
      if (!match) throw new Error(`Lua script ${file} must be named <name>-<numberOfKeys>.lua`);
      return {
        name: match[1]!,
        command: camelCase(match[1]!),
        numberOfKeys: Number(match[2]),
        lua: expandIncludes(readFileSync(path.join(folder, file), "utf8"), (name) =>
          readFileSync(path.join(folder, "includes", `${name}.lua`), "utf8"),
        ),
      };
    });
  return cached;
}

/** Registers every script as an ioredis command (EVALSHA with EVAL fallback). */
export function defineScripts(redis: Redis): void {
  for (const script of scriptFiles()) {
    redis.defineCommand(script.command, { numberOfKeys: script.numberOfKeys, lua: script.lua });
  }
}

/** A value of an argument as the script reads it: `flag` is a boolean sent as 1 or 0. */
type Scalar = "string" | "number" | "flag";
type ScalarValue<S> = S extends "string"
  ? string
  : S extends "number"
    ? number
    : S extends "flag"
      ? boolean
      : never;
/** What a list holds per item: one value, a tuple of strings, or a record whose fields go in declared order. */
type ItemSpec = "string" | "number" | readonly "string"[] | { readonly [field: string]: "string" | "number" };
type ItemValue<I> = I extends "string" | "number"
  ? ScalarValue<I>
  : { readonly [F in keyof I]: ScalarValue<I[F]> };

/** A list argument: sent as its length, then each item's values (`n, item * n` in the Lua files' ARGV). */
export interface ListSpec<I extends ItemSpec = ItemSpec> {
  readonly list: I;
}
export function list<const I extends ItemSpec>(item: I): ListSpec<I> {
  return { list: item };
}

export type ArgSpec = Scalar | ListSpec;
export type ScriptArgs<A extends Record<string, ArgSpec>> = {
  readonly [N in keyof A]: A[N] extends ListSpec<infer I> ? ReadonlyArray<ItemValue<I>> : ScalarValue<A[N]>;
};

/**
 * One Lua script's typed call: its KEYS by name, its ARGV by name (declared in the order the script reads
 * them) and its reply parsed. scripts.test.ts checks the declarations against the Lua files.
 */
export interface LuaScript<K extends string, A extends Record<string, ArgSpec>, R> {
  (redis: Redis, keys: { readonly [N in K]: string }, args: ScriptArgs<A>): Promise<R>;
  /** The Lua file, `lua/<file>.lua`. */
  readonly file: string;
  readonly keyNames: readonly K[];
  readonly args: A;
}

type ScriptCommand = (...keysThenArgs: Array<string | number>) => Promise<unknown>;

/** How one argument goes into ARGV, worked out once per script rather than per call. */
type Encode = (value: unknown, argv: Array<string | number>) => void;

function encoder(spec: ArgSpec): Encode {
  if (spec === "flag") return (value, argv) => void argv.push(value ? 1 : 0);
  if (typeof spec === "string") return (value, argv) => void argv.push(value as string | number);
  const item = spec.list;
  if (typeof item === "string") {
    return (value, argv) => {
      const items = value as ReadonlyArray<string | number>;
      argv.push(items.length);
      for (const one of items) argv.push(one);
    };
  }
  if (Array.isArray(item)) {
    return (value, argv) => {
      const items = value as ReadonlyArray<readonly string[]>;
      argv.push(items.length);
      for (const tuple of items) for (const one of tuple) argv.push(one);
    };
  }
  const fields = Object.keys(item);
  return (value, argv) => {
    const items = value as ReadonlyArray<Record<string, string | number>>;
    argv.push(items.length);
    for (const record of items) for (const field of fields) argv.push(record[field]!);
  };
}

/** Declares the typed call of `lua/<file>.lua`, whose ioredis command `defineScripts` registered. */
export function luaScript<const K extends readonly string[], const A extends Record<string, ArgSpec>, R>(
  file: string,
  signature: { keys: K; args: A; reply: (reply: unknown) => R },
): LuaScript<K[number], A, R> {
  const command = camelCase(file.replace(/-\d+$/, ""));
  const keyNames = signature.keys;
  const argNames = Object.keys(signature.args);
  const encoders = argNames.map((name) => encoder(signature.args[name]!));
  const parse = signature.reply;
  const call = async (redis: Redis, keys: Record<string, string>, args: Record<string, unknown>) => {
    const argv: Array<string | number> = [];
    for (const name of keyNames) argv.push(keys[name]!);
    for (let n = 0; n < argNames.length; n++) encoders[n]!(args[argNames[n]!], argv);
    return parse(await (redis as unknown as Record<string, ScriptCommand>)[command]!(...argv));
  };
  const script = Object.assign(call, { file, keyNames, args: signature.args });
  return script as unknown as LuaScript<K[number], A, R>;
}

/** A reply that is not what the script returns: a bug on one side, never a refusal. */
export function unexpectedReply(file: string, reply: unknown): Error {
  return new Error(`${file}.lua answered ${JSON.stringify(reply)}`);
}

/** The reply as an array (scripts that answer a status answer `{ status, ... }`). */
export function replyArray(file: string, reply: unknown): unknown[] {
  if (!Array.isArray(reply)) throw unexpectedReply(file, reply);
  return reply;
}
