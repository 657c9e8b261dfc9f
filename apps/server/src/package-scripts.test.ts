import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const root = new URL("../../../", import.meta.url).pathname;

/** The workspace's package folders, from pnpm-workspace.yaml's `apps/*` and `packages/*` globs, and the root. */
function packageFolders(): string[] {
  const workspace = readFileSync(path.join(root, "pnpm-workspace.yaml"), "utf8");
  const globs = [...workspace.matchAll(/^\s*-\s*["']?([\w-]+)\/\*["']?\s*$/gm)].map((match) => match[1]!);
  expect(globs.length).toBeGreaterThan(0);
  const folders = globs.flatMap((parent) =>
    readdirSync(path.join(root, parent)).map((name) => path.join(root, parent, name)),
  );
  return [root, ...folders.filter((folder) => existsSync(path.join(folder, "package.json")))];
}

it("every file a package.json script runs with node or tsx exists", () => {
  const missing: string[] = [];
  let checked = 0;
  for (const folder of packageFolders()) {
    const { scripts = {} } = JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")) as {
      scripts?: Record<string, string>;
    };
    for (const [name, command] of Object.entries(scripts)) {
      // The script file of each `node …`, `node --import tsx …` or `tsx [watch] …` in the command.
      for (const match of command.matchAll(
        /\b(?:node|tsx)(?:\s+(?:--\S+(?:\s+tsx)?|watch))*\s+([\w./-]+\.(?:[cm]?js|ts))\b/g,
      )) {
        // Build outputs (`pnpm serve` runs apps/server/dist/main.js) exist only after `pnpm build`.
        if (match[1]!.split("/").includes("dist")) continue;
        checked += 1;
        if (!existsSync(path.join(folder, match[1]!)))
          missing.push(`${path.relative(root, folder) || "."}: ${name} → ${match[1]}`);
      }
    }
  }
  expect(checked).toBeGreaterThan(5);
  expect(missing).toEqual([]);
});
