import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { idSchema } from "./catalog";
import { isId } from "./plain";

describe("@frontrow/validators/plain", () => {
  test("isId accepts exactly what idSchema accepts", () => {
    const samples: unknown[] = [
      crypto.randomUUID(),
      crypto.randomUUID().toUpperCase(),
      "00000000-0000-0000-0000-000000000000",
      "51ca3a07-9255-4ba4-aaaf-df0ffeb28abb",
      "51ca3a07-9255-4ba4-aaaf-df0ffeb28ab",
      "51ca3a07-9255-4ba4-aaaf-df0ffeb28abbc",
      "51ca3a079255-4ba4-aaaf-df0ffeb28abb0",
      "g1ca3a07-9255-4ba4-aaaf-df0ffeb28abb",
      ` ${crypto.randomUUID()}`,
      `${crypto.randomUUID()}\n`,
      "",
      "not-an-id",
      null,
      undefined,
      42,
    ];
    for (const sample of samples)
      expect([sample, isId(sample)]).toEqual([sample, idSchema.safeParse(sample).success]);
  });

  test("imports no zod, so the web app's first page can use it without loading zod's schemas", () => {
    // Each module plain.ts re-exports, and every module they import (type-only imports are erased).
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(new URL(file, import.meta.url), "utf8");
      const imports = [...source.matchAll(/^(?:import|export)(?! type)[^;]*?from "([^"]+)"/gm)].map(
        (m) => m[1]!,
      );
      for (const specifier of imports) {
        expect(`${file} imports ${specifier}`).not.toMatch(/imports (zod|@)/);
        visit(`${specifier.replace(/^\.\//, "./")}.ts`);
      }
    };
    visit("./plain.ts");
    expect(seen.size).toBeGreaterThan(2);
  });
});
