import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const eslint = new ESLint({ cwd: root });

/**
 * The layer rule's complaints about `code` linted as if it were the file at `filePath`: a real file of that layer, so
 * the type-aware rules' project service knows it (a made-up path is a parse error and no rule runs).
 */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result!.messages
    .filter((message) => {
      if (message.fatal) throw new Error(`${filePath} could not be linted: ${message.message}`);
      return message.ruleId === "@typescript-eslint/no-restricted-imports";
    })
    .map((message) => message.message);
}

// Type-aware lint builds a TypeScript program for each package first: the first call takes tens of seconds.
describe("pnpm lint keeps the layers apart (docs/architecture.md: The shape)", { timeout: 180_000 }, () => {
  it("refuses core importing tRPC or the API", async () => {
    expect(
      await layerErrors(
        "packages/core/src/errors.ts",
        'import { initTRPC } from "@trpc/server";\nexport const t = initTRPC;\n',
      ),
    ).toHaveLength(1);
    expect(
      await layerErrors("packages/core/src/errors.ts", 'export { appRouter } from "@frontrow/api";\n'),
    ).toHaveLength(1);
  });

  it("refuses the API importing the server, and the data layers importing core", async () => {
    expect(
      await layerErrors("packages/api/src/error-mapping.ts", 'export * from "@frontrow/server";\n'),
    ).toHaveLength(1);
    expect(
      await layerErrors("packages/redis/src/keys.ts", 'export { holdSeats } from "@frontrow/core";\n'),
    ).toHaveLength(1);
  });

  it("lets the web app take types from the API, and nothing that runs", async () => {
    expect(
      await layerErrors(
        "apps/web/src/zod-jitless.ts",
        'import type { AppRouter } from "@frontrow/api";\nexport type R = AppRouter;\n',
      ),
    ).toEqual([]);
    expect(
      await layerErrors("apps/web/src/zod-jitless.ts", 'export { appRouter } from "@frontrow/api";\n'),
    ).toHaveLength(1);
    expect(
      await layerErrors("apps/web/src/zod-jitless.ts", 'export { keys } from "@frontrow/redis";\n'),
    ).toHaveLength(1);
  });

  it("lets each layer use the ones below it", async () => {
    expect(
      await layerErrors("packages/api/src/error-mapping.ts", 'export { holdSeats } from "@frontrow/core";\n'),
    ).toEqual([]);
    expect(
      await layerErrors("packages/core/src/errors.ts", 'export { keys } from "@frontrow/redis";\n'),
    ).toEqual([]);
  });
});
