import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Result } from "ioredis";
import type { Redis } from "./client";

/** The lua/ folder, resolved by package name so it is found from source, tests and the server bundle alike. */
function luaFolder(): string {
  const pkg = createRequire(import.meta.url).resolve("@frontrow/redis/package.json");
  return path.join(path.dirname(pkg), "lua");
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

interface ScriptFile {
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

/** Every `lua/<name>-<numberOfKeys>.lua`, read once per process. */
function scriptFiles(): ScriptFile[] {
  if (cached) return cached;
  const folder = luaFolder();
  cached = readdirSync(folder)
    .filter((file) => file.endsWith(".lua"))
    .map((file) => {
      const match = /^(.+)-(\d+)\.lua$/.exec(file);
      if (!match) throw new Error(`Lua script ${file} must be named <name>-<numberOfKeys>.lua`);
      return {
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

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** See lua/sliding-window-1.lua: records `member` only if the window has room. */
    slidingWindow(
      key: string,
      nowMs: number,
      windowMs: number,
      limit: number,
      member: string,
    ): Result<[allowed: 0 | 1, count: number, retryAfterMs: number], Context>;
    /** See lua/release-lease-1.lua: deletes the lease only while its value is `holder`. */
    releaseLease(key: string, holder: string): Result<0 | 1, Context>;
    /** See lua/hold-seats-13.lua for the argument layout. */
    holdSeats(...keysThenArgs: Array<string | number>): Result<[string, ...Array<string | number>], Context>;
    beginCheckout(...keysThenArgs: Array<string | number>): Result<[string, string?], Context>;
    abortCheckout(...keysThenArgs: Array<string | number>): Result<0 | 1, Context>;
    completeCheckout(...keysThenArgs: Array<string | number>): Result<number, Context>;
    returnSeats(...keysThenArgs: Array<string | number>): Result<number, Context>;
    queueJoin(...keysThenArgs: Array<string | number>): Result<[string, number, string, number], Context>;
    queueStart(...keysThenArgs: Array<string | number>): Result<number, Context>;
    queueLeave(...keysThenArgs: Array<string | number>): Result<0 | 1, Context>;
    queueAdmit(...keysThenArgs: Array<string | number>): Result<number[], Context>;
    queueLease(lease: string, fence: string, holderId: string, ttlMs: number): Result<number, Context>;
    loadInventory(...keysThenArgs: Array<string | number>): Result<0 | 1, Context>;
    releaseHold(...keysThenArgs: Array<string | number>): Result<[string, ...Array<string | number>], Context>;
    expireHolds(...keysThenArgs: Array<string | number>): Result<[number, ...string[]], Context>;
    /** See lua/resume-holds-11.lua: moves every hold's expiry by the pause's length. */
    resumeHolds(...keysThenArgs: Array<string | number>): Result<[pauseMs: number, holdsMoved: number], Context>;
    /** See lua/block-seats-10.lua for the argument layout. */
    blockSeats(...keysThenArgs: Array<string | number>): Result<[string, ...Array<string | number>], Context>;
    /** See lua/adjust-ga-capacity-10.lua for the argument layout. */
    adjustGaCapacity(...keysThenArgs: Array<string | number>): Result<[string, ...Array<string | number>], Context>;
  }
}
