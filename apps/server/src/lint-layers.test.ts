import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The layer rule's complaints about `code` placed at `filePath`. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result!.messages
    .filter((message) => message.ruleId === "@typescript-eslint/no-restricted-imports")
    .map((message) => message.message);
}

describe("pnpm lint keeps the layers apart (docs/architecture.md: The shape)", () => {
  it("refuses core importing tRPC or the API", async () => {
    expect(
      await layerErrors(
        "packages/core/src/x.ts",
        'import { initTRPC } from "@trpc/server";\nexport const t = initTRPC;\n',
      ),
    ).toHaveLength(1);
    expect(
      await layerErrors("packages/core/src/x.ts", 'export { appRouter } from "@frontrow/api";\n'),
    ).toHaveLength(1);
  });

  it("refuses the API importing the server, and the data layers importing core", async () => {
    expect(await layerErrors("packages/api/src/x.ts", 'export * from "@frontrow/server";\n')).toHaveLength(1);
    expect(
      await layerErrors("packages/redis/src/x.ts", 'export { holdSeats } from "@frontrow/core";\n'),
    ).toHaveLength(1);
  });

  it("lets the web app take types from the API, and nothing that runs", async () => {
    expect(
      await layerErrors(
        "apps/web/src/x.ts",
        'import type { AppRouter } from "@frontrow/api";\nexport type R = AppRouter;\n',
      ),
    ).toEqual([]);
    expect(
      await layerErrors("apps/web/src/x.ts", 'export { appRouter } from "@frontrow/api";\n'),
    ).toHaveLength(1);
    expect(await layerErrors("apps/web/src/x.ts", 'export { keys } from "@frontrow/redis";\n')).toHaveLength(
      1,
    );
  });

  it("lets each layer use the ones below it", async () => {
    expect(
      await layerErrors("packages/api/src/x.ts", 'export { holdSeats } from "@frontrow/core";\n'),
    ).toEqual([]);
    expect(await layerErrors("packages/core/src/x.ts", 'export { keys } from "@frontrow/redis";\n')).toEqual(
      [],
    );
  });
});
