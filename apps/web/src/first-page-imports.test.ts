import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

const src = path.dirname(new URL(import.meta.url).pathname);

/** What `file` imports for its values: type-only imports are erased and `import()` loads later, on its own. */
function valueImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/^(?:import|export)(?! type)[^;]*?from "([^"]+)"|^import "([^"]+)"/gm)].map(
    (m) => (m[1] ?? m[2])!,
  );
}

function resolveRelative(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  return null;
}

/** Every package main.tsx's bundle loads before the first render, with the module that imports it. */
function packagesOfFirstPage(): Array<{ file: string; specifier: string }> {
  const seen = new Set<string>();
  const found: Array<{ file: string; specifier: string }> = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of valueImports(file)) {
      if (!specifier.startsWith(".")) found.push({ file: path.relative(src, file), specifier });
      else {
        const next = resolveRelative(file, specifier);
        if (next) visit(next);
      }
    }
  };
  visit(path.join(src, "main.tsx"));
  return found;
}

describe("the first page's bundle", () => {
  test("builds no zod schemas: @frontrow/validators' entry only from the pages loaded later", () => {
    const packages = packagesOfFirstPage();
    // The seat map and the other pages of the main bundle are in the walk.
    expect(packages.some(({ file }) => file.endsWith("seat-map-page.tsx"))).toBe(true);
    const schemas = packages
      .filter(
        ({ specifier, file }) =>
          specifier === "@frontrow/validators" || (specifier === "zod" && file !== "zod-jitless.ts"),
      )
      .map(({ file, specifier }) => `${file} imports ${specifier}`);
    expect(schemas).toEqual([]);
  });
});
