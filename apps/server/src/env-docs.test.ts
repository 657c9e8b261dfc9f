import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { loadEnv } from "./env";

/** Every variable loadEnv reads: it is handed an environment that records what is asked of it (and has nothing). */
function variablesRead(): string[] {
  const read = new Set<string>();
  const recording = new Proxy({} as NodeJS.ProcessEnv, {
    get(target, key) {
      if (typeof key === "string" && /^[A-Z][A-Z0-9_]*$/.test(key)) read.add(key);
      return Reflect.get(target, key);
    },
  });
  loadEnv(recording, mkdtempSync(path.join(tmpdir(), "frontrow-env-docs-")));
  return [...read].sort();
}

/** The variables named in the first column of the Configuration table of docs/operations.md. */
function variablesDocumented(): string[] {
  const docs = readFileSync(new URL("../../../docs/operations.md", import.meta.url), "utf8");
  const start = docs.indexOf("\n## Configuration\n");
  expect(start, "docs/operations.md has no Configuration section").toBeGreaterThanOrEqual(0);
  const section = docs.slice(start, docs.indexOf("\n## ", start + 1));
  return [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((row) => row[1]!).sort();
}

it("docs/operations.md documents every environment variable the server reads, and no other", () => {
  const read = variablesRead();
  const documented = variablesDocumented();
  expect(read.length).toBeGreaterThan(20);
  expect({
    missingFromTheDocs: read.filter((name) => !documented.includes(name)),
    documentedButNotRead: documented.filter((name) => !read.includes(name)),
  }).toEqual({ missingFromTheDocs: [], documentedButNotRead: [] });
});
