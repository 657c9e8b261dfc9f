import { createHash } from "node:crypto";
import { LuaFactory, type LuaEngine } from "wasmoon";
import { ErrorReply, StatusReply, type Reply } from "./replies";

/** What a script's redis.call runs: one command, replying or throwing an ErrorReply. */
export type Execute = (args: string[]) => Reply;

type LuaValue = string | number | boolean | null | undefined | LuaValue[] | { [key: string]: LuaValue };
type ScriptFunction = () => LuaValue;

export const sha1hex = (text: string) => createHash("sha1").update(text).digest("hex");

/** cjson writes numbers as "%.14g" (1.8e15 becomes "1.8e+15"); scripts that need every digit format them. */
function formatCjsonNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error("Cannot serialise number: must not be NaN or Inf");
  if (value === 0) return "0";
  const [mantissa, exponentText] = value.toExponential(13).split("e") as [string, string];
  const exponent = Number(exponentText);
  const trim = (digits: string) => (digits.includes(".") ? digits.replace(/\.?0+$/, "") : digits);
  if (exponent < -4 || exponent >= 14) {
    return `${trim(mantissa)}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return trim(value.toFixed(13 - exponent));
}

/** cjson.encode over the value wasmoon hands JS (a Lua sequence arrives as an array, any other table as an object). */
function cjsonEncode(value: LuaValue): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return formatCjsonNumber(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value).replaceAll("/", "\\/");
  if (Array.isArray(value)) return `[${value.map(cjsonEncode).join(",")}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${cjsonEncode(key)}:${cjsonEncode(item)}`)
    .join(",")}}`;
}

/** Redis's conversion of a Lua value to a reply: a table stops at its first nil, false is nil, numbers truncate. */
function toReply(value: LuaValue): Reply {
  if (value === null || value === undefined || value === false) return null;
  if (value === true) return 1;
  if (typeof value === "number") return Math.trunc(value);
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const end = value.findIndex((item) => item === null || item === undefined);
    return (end === -1 ? value : value.slice(0, end)).map(toReply);
  }
  if (typeof value.err === "string") return new ErrorReply(value.err);
  if (typeof value.ok === "string") return new StatusReply(value.ok);
  // A table with a hole reaches JS as an object keyed "1", "2", …: Redis reads it up to the first nil.
  const items: LuaValue[] = [];
  for (let i = 1; value[i] !== undefined && value[i] !== null; i++) items.push(value[i]);
  return items.map(toReply);
}

/** Redis's conversion of a reply to a Lua value (nil is false, status is { ok = … }). */
function toLua(reply: Reply): LuaValue {
  if (reply === null) return false;
  if (Array.isArray(reply)) return reply.map(toLua);
  if (reply instanceof StatusReply) return { ok: reply.status };
  if (reply instanceof ErrorReply) return { err: reply.message };
  return reply;
}

function commandArguments(args: LuaValue[]): string[] {
  if (args.length === 0) throw new Error("Please specify at least one argument for this redis lib call");
  return args.map((arg) => {
    if (typeof arg === "string") return arg;
    if (typeof arg === "number") return String(arg);
    throw new Error("Lua redis lib command arguments must be strings or integers");
  });
}

// The Redis API our scripts see. Redis runs Lua 5.1, which has the global `unpack` that 5.4 moved to `table`.
const PRELUDE = `
unpack = table.unpack
redis = {
  call = function(...) return __frontrow_call(false, ...) end,
  pcall = function(...) return __frontrow_call(true, ...) end,
  sha1hex = __frontrow_sha1hex,
  error_reply = function(message) return { err = message } end,
  status_reply = function(message) return { ok = message } end,
  log = function() end,
  LOG_DEBUG = 0, LOG_VERBOSE = 1, LOG_NOTICE = 2, LOG_WARNING = 3,
}
cjson = { encode = __frontrow_cjson_encode, decode = __frontrow_cjson_decode }
`;

/**
 * Runs Frontrow's Lua files as Redis does (EVAL/EVALSHA, KEYS and ARGV, redis.call, cjson, atomically), on
 * Lua 5.4 compiled to WebAssembly (wasmoon). Every command a script calls goes through `execute`.
 */
export class ScriptRunner {
  private readonly compiled = new Map<string, ScriptFunction>();
  private readonly sources = new Map<string, string>();

  private constructor(private readonly engine: LuaEngine) {}

  static async create(execute: Execute): Promise<ScriptRunner> {
    const engine = await new LuaFactory().createEngine({ enableProxy: false, injectObjects: false });
    engine.global.set("__frontrow_call", (protectedCall: boolean, ...args: LuaValue[]) => {
      let reply: Reply;
      try {
        reply = execute(commandArguments(args));
      } catch (error) {
        if (!protectedCall) throw error;
        return { err: (error as Error).message };
      }
      return toLua(reply);
    });
    engine.global.set("__frontrow_sha1hex", (text: string) => sha1hex(String(text)));
    engine.global.set("__frontrow_cjson_encode", (value: LuaValue) => cjsonEncode(value));
    engine.global.set("__frontrow_cjson_decode", (text: string) => {
      try {
        return JSON.parse(text) as LuaValue;
      } catch (error) {
        throw new Error(`Expected value but found invalid token: ${(error as Error).message}`);
      }
    });
    engine.doStringSync(PRELUDE);
    return new ScriptRunner(engine);
  }

  /** SCRIPT LOAD: compiles the script and returns its SHA1. */
  load(source: string): string {
    const sha = sha1hex(source);
    if (this.compiled.has(sha)) return sha;
    let script: ScriptFunction;
    try {
      script = this.engine.doStringSync(`return function()\n${source}\nend`) as ScriptFunction;
    } catch (error) {
      throw new ErrorReply(`ERR Error compiling script (new function): ${(error as Error).message}`);
    }
    this.compiled.set(sha, script);
    this.sources.set(sha, source);
    return sha;
  }

  has(sha: string): boolean {
    return this.compiled.has(sha.toLowerCase());
  }

  flush(): void {
    this.compiled.clear();
    this.sources.clear();
  }

  /** EVALSHA: runs a loaded script with KEYS and ARGV set. */
  run(sha: string, keys: string[], args: string[]): Reply {
    const script = this.compiled.get(sha.toLowerCase());
    if (!script) throw new ErrorReply("NOSCRIPT No matching script. Please use EVAL.");
    this.engine.global.set("KEYS", keys);
    this.engine.global.set("ARGV", args);
    let result: LuaValue;
    try {
      result = script();
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      throw new ErrorReply(/^[A-Z]+ /.test(message) ? message : `ERR user_script: ${message} (f_${sha})`);
    }
    const reply = toReply(result);
    if (reply instanceof ErrorReply) throw reply;
    return reply;
  }

  close(): void {
    this.engine.global.close();
  }
}
