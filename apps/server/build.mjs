// Bundles the server, our workspace packages and their pure-JS dependencies into dist/main.js. Packages the
// server declares in its own package.json stay external (resolvable from here; native ones like argon2 must).
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const { dependencies } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const external = Object.keys(dependencies).filter((name) => !name.startsWith("@frontrow/"));
const packageName = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

await build({
  // The PDF worker thread is loaded by URL next to main.js (see src/pdf-pool.ts).
  entryPoints: { main: "src/main.ts", "pdf-worker": "src/pdf-worker.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: { js: "import { createRequire as __frontrowCreateRequire } from 'node:module'; const require = __frontrowCreateRequire(import.meta.url);" },
  plugins: [
    {
      name: "external-declared-dependencies",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          external.includes(packageName(args.path)) ? { path: args.path, external: true } : undefined,
        );
      },
    },
  ],
  // Optional native speed-ups of ws; it works without them.
  external: ["bufferutil", "utf-8-validate"],
});
