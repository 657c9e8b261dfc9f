import { describe, expect, it } from "vitest";
import { inventoryKeyNames } from "./keys";
import { scripts } from "./lua-scripts";
import { expandIncludes, list, luaScript, scriptFiles, type ArgSpec, type ScriptFile } from "./scripts";

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

/** Where a script's declared keys and arguments disagree with its Lua file (empty: they agree). */
function signatureMismatches(
  script: { keyNames: readonly string[]; args: Record<string, ArgSpec> },
  file: ScriptFile,
): string[] {
  const found: string[] = [];
  const { lua } = file;
  if (script.keyNames.length !== file.numberOfKeys) {
    found.push(`declares ${script.keyNames.length} keys, the file name says ${file.numberOfKeys}`);
  }
  for (const [, name, at] of lua.matchAll(/\blocal (\w+)Key = KEYS\[(\d+)\]/g)) {
    if (script.keyNames[Number(at) - 1] !== name) {
      found.push(`KEYS[${at}] is ${name}, declared ${script.keyNames[Number(at) - 1]}`);
    }
  }

  const specs = Object.entries(script.args);
  const firstList = specs.findIndex(([, spec]) => typeof spec !== "string");
  const lastList = specs.findLastIndex(([, spec]) => typeof spec !== "string");
  // Before the first list every argument has a fixed place; the first list's length follows at the next.
  const fixed = firstList === -1 ? specs.length : firstList;
  const read = new Set([...lua.matchAll(/\bARGV\[(\d+)\]/g)].map(([, at]) => Number(at)));
  for (let at = 1; at <= fixed; at++) {
    if (!read.has(at))
      found.push(`declares ${specs[at - 1]![0]} as ARGV[${at}], which the script never reads`);
  }
  for (const at of read) {
    if (at > fixed + (firstList === -1 ? 0 : 1))
      found.push(`reads ARGV[${at}], past the ${fixed} declared in place`);
  }
  if (firstList !== -1 && !read.has(fixed + 1) && !new RegExp(`\\bi = ${fixed + 1}\\b`).test(lua)) {
    found.push(`the first list's length is not read at ARGV[${fixed + 1}]`);
  }
  // After the last list the script reads the rest from a cursor: ARGV[i], ARGV[i + 1], ...
  const trailing = lastList === -1 ? 0 : specs.length - 1 - lastList;
  if (trailing > 0) {
    const furthest = Math.max(...[...lua.matchAll(/\bARGV\[i \+ (\d+)\]/g)].map(([, k]) => Number(k)));
    if (furthest !== trailing - 1) {
      found.push(`declares ${trailing} arguments after the last list, the script reads ${furthest + 1}`);
    }
  }

  // The `-- ARGV:` line of the file's header: `name`, `name (note)`, and per list `nX, item * nX` or `nX, (a, b) * nX`.
  const header = /^--.*?\bARGV: (.*)$((?:\n-- {3,}.*$)*)/m.exec(lua);
  if (!header) return [...found, "has no `-- ARGV:` line"];
  const text = `${header[1]} ${header[2]!.replace(/\n--/g, " ")}`.split(/\.(?:\s|$)/)[0]!;
  const items: string[] = [];
  let depth = 0;
  let item = "";
  for (const c of text) {
    if (c === "," && depth === 0) {
      items.push(item.trim());
      item = "";
      continue;
    }
    if (c === "(") depth++;
    if (c === ")") depth--;
    item += c;
  }
  items.push(item.trim());
  const documented = items.filter(Boolean).map((one, n, all) => {
    const list = /^(?:\((.*)\)|\w+) \* (n\w+)$/.exec(one);
    if (list) return `list of ${list[1] === undefined ? 1 : list[1].split(",").length}`;
    const name = /^\w+/.exec(one)?.[0] ?? one;
    return all[n + 1]?.endsWith(` * ${name}`) ? "length" : name;
  });
  const declared = specs.flatMap(([name, spec]) => {
    if (typeof spec === "string") return [name];
    const itemSpec = spec.list;
    const size =
      typeof itemSpec === "string"
        ? 1
        : Array.isArray(itemSpec)
          ? itemSpec.length
          : Object.keys(itemSpec).length;
    return ["length", `list of ${size}`];
  });
  if (documented.join(", ") !== declared.join(", ")) {
    found.push(`declares ARGV ${declared.join(", ")}; the file's ARGV line says ${documented.join(", ")}`);
  }
  return found;
}

describe("typed script calls", () => {
  const files = new Map(scriptFiles().map((file) => [`${file.name}-${file.numberOfKeys}`, file]));
  const declared = Object.values(scripts);

  it("name every Lua file once", () => {
    expect(declared.map((script) => script.file).sort()).toEqual([...files.keys()].sort());
  });

  it.each(declared.map((script) => [script.file, script] as const))(
    "%s: keys and arguments as the Lua file reads and documents them",
    (name, script) => {
      expect(signatureMismatches(script, files.get(name)!)).toEqual([]);
    },
  );

  it("tell where a declaration and its Lua file disagree", () => {
    const file = files.get("release-hold-11")!;
    const mismatches = (keys: readonly string[], args: Record<string, ArgSpec>) =>
      signatureMismatches(luaScript("release-hold-11", { keys, args, reply: () => undefined }), file);
    const args = { holdId: "string", userId: "string", channel: "string", streamMaxLen: "number" } as const;
    const keys = [...inventoryKeyNames, "resaleSeats"];

    expect(mismatches(keys, args)).toEqual([]);
    expect(mismatches(keys, { ...args, nowMs: "number" })).toEqual([
      "declares nowMs as ARGV[5], which the script never reads",
      "declares ARGV holdId, userId, channel, streamMaxLen, nowMs; " +
        "the file's ARGV line says holdId, userId, channel, streamMaxLen",
    ]);
    expect(
      mismatches(keys, {
        userId: "string",
        holdId: "string",
        channel: "string",
        streamMaxLen: "number",
      }),
    ).toEqual([
      "declares ARGV userId, holdId, channel, streamMaxLen; the file's ARGV line says holdId, userId, channel, streamMaxLen",
    ]);
    expect(mismatches(keys, { holdId: "string", userId: "string", channel: "string" })).toEqual([
      "reads ARGV[4], past the 3 declared in place",
      "declares ARGV holdId, userId, channel; the file's ARGV line says holdId, userId, channel, streamMaxLen",
    ]);
    expect(mismatches(["holds", ...keys.slice(1)], args)).toEqual(["KEYS[1] is seats, declared holds"]);
    expect(mismatches([...keys, "salesPaused"], args)).toEqual(["declares 12 keys, the file name says 11"]);
  });

  it("tell where a script's lists and the arguments after them disagree with the file", () => {
    const file = files.get("hold-seats-14")!;
    const { attemptId: _, ...withoutLast } = scripts.holdSeats.args;
    const { orphanGuards, ...withoutGuards } = scripts.holdSeats.args;
    const hold = (args: Record<string, ArgSpec>) =>
      signatureMismatches(
        luaScript("hold-seats-14", { keys: scripts.holdSeats.keyNames, args, reply: () => undefined }),
        file,
      );

    expect(hold(scripts.holdSeats.args)).toEqual([]);
    expect(hold(withoutLast)[0]).toBe("declares 6 arguments after the last list, the script reads 7");
    expect(hold({ ...withoutGuards, orphanGuards: list(["string", "string", "string"]) })).toHaveLength(1);
    expect(hold({ ...withoutGuards, orphanGuards })).toHaveLength(1); // the lists out of order
  });
});
