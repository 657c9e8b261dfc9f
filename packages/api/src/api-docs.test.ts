import { readFileSync } from "node:fs";
import { TRPCError } from "@trpc/server";
import { describe, expect } from "vitest";
import { trpcCodeFor } from "./error-mapping";
import { appRouter } from "./root";
import { test, type TestClient } from "./testing";

// docs/api.md is the API reference: these tests fail when it and the code part ways.
const docs = readFileSync(new URL("../../../docs/api.md", import.meta.url), "utf8");

type ProcedureType = "query" | "mutation" | "subscription";
type Access = "public" | "fan" | "scanner" | "admin";

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureType } }>,
)
  .map(([path, procedure]) => ({ path, type: procedure._def.type }))
  .sort((a, b) => a.path.localeCompare(b.path));

/** Each procedure's heading: #### `path` (type, access). */
function documentedProcedures() {
  const documented: Array<{ path: string; type: string; access: string }> = [];
  for (const line of docs.split("\n").filter((text) => text.startsWith("#### `"))) {
    const match = /^#### `([\w.]+)` \((query|mutation|subscription), (public|fan|scanner|admin)\)$/.exec(line);
    expect(match, `a procedure heading not in the form #### \`path\` (type, access): ${line}`).not.toBeNull();
    documented.push({ path: match![1]!, type: match![2]!, access: match![3]! });
  }
  return documented.sort((a, b) => a.path.localeCompare(b.path));
}

function section(heading: string): string {
  const start = docs.indexOf(`\n${heading}\n`);
  expect(start, `docs/api.md has no "${heading}"`).toBeGreaterThanOrEqual(0);
  const end = docs.indexOf("\n## ", start + heading.length + 2);
  return docs.slice(start, end === -1 ? undefined : end);
}

describe("docs/api.md", () => {
  test("documents every procedure of the router, with its type, and nothing else", () => {
    const documented = documentedProcedures();
    const paths = new Set(procedures.map(({ path }) => path));
    const documentedPaths = new Set(documented.map(({ path }) => path));
    expect({
      missingFromTheDocs: [...paths].filter((path) => !documentedPaths.has(path)),
      documentedButNotInTheRouter: [...documentedPaths].filter((path) => !paths.has(path)),
    }).toEqual({ missingFromTheDocs: [], documentedButNotInTheRouter: [] });
    expect(documented.map(({ path, type }) => ({ path, type }))).toEqual(procedures);
  });

  test("its error table is the error mapping, code for code", () => {
    const rows = [...section("## Errors").matchAll(/^\| `([A-Z_]+)` \| `([A-Z_]+)` \|/gm)].map((row) => [
      row[1],
      row[2],
    ]);
    expect(Object.fromEntries(rows)).toEqual(trpcCodeFor);
    expect(rows).toHaveLength(Object.keys(trpcCodeFor).length);
  });

  test("every domain code a procedure names maps to the tRPC code written beside it", () => {
    const named = [...section("## Procedures").matchAll(/`([A-Z_]+)` \(([A-Z_]+)\)/g)];
    expect(named.length).toBeGreaterThan(0);
    for (const [text, code, trpcCode] of named) {
      expect(code! in trpcCodeFor, `${text}: not a domain code`).toBe(true);
      expect(trpcCodeFor[code as keyof typeof trpcCodeFor], text).toBe(trpcCode);
    }
  });

  test("gives each procedure the access the router enforces", async ({ api, services }) => {
    const anonymous = api.client();
    const fan = await api.fan();
    const scanner = await api.fan("Door");
    await services.database.sql`update users set role = 'scanner' where id = ${scanner.userId}`;
    // A fan's procedure refuses a caller without a session before it reads its input, an organizer's refuses a fan;
    // input that fits no schema keeps every allowed call from doing anything.
    const refusal = async (client: TestClient, path: string): Promise<string | undefined> => {
      let target: unknown = await client.call();
      for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
      try {
        const result = await (target as (input: unknown) => Promise<unknown>)("not an input");
        // A subscription that started (none should with this input) is stopped at once.
        await (result as Partial<AsyncIterator<unknown>> | undefined)?.return?.();
        return undefined;
      } catch (error) {
        return error instanceof TRPCError ? error.code : String(error);
      }
    };
    const enforced: Array<{ path: string; access: Access }> = [];
    for (const { path } of procedures) {
      const access: Access =
        (await refusal(anonymous, path)) !== "UNAUTHORIZED"
          ? "public"
          : (await refusal(fan, path)) !== "FORBIDDEN"
            ? "fan"
            : (await refusal(scanner, path)) === "FORBIDDEN"
              ? "admin"
              : "scanner";
      enforced.push({ path, access });
    }
    expect(documentedProcedures().map(({ path, access }) => ({ path, access }))).toEqual(enforced);
  });
});
