import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The layers (docs/architecture.md: The shape): what each may not import. Dependencies point one way: web → api
 * (types only); server → api → core → db, redis; everything may use validators.
 */
const forbidden = (...names) =>
  names.map((name) => ({ group: [name, `${name}/**`], message: `${name} is a layer above this one` }));
const layers = [
  {
    files: ["packages/{db,redis,validators}/src/**/*.ts"],
    patterns: forbidden("@frontrow/core", "@frontrow/api", "@frontrow/server", "@trpc/*"),
  },
  {
    files: ["packages/core/src/**/*.ts"],
    patterns: forbidden("@frontrow/api", "@frontrow/server", "@frontrow/web", "@trpc/*", "react"),
  },
  { files: ["packages/api/src/**/*.ts"], patterns: forbidden("@frontrow/server", "@frontrow/web", "react") },
  {
    files: ["apps/web/src/**/*.{ts,tsx}"],
    patterns: [
      ...forbidden("@frontrow/core", "@frontrow/db", "@frontrow/redis", "@frontrow/server"),
      {
        group: ["@frontrow/api"],
        allowTypeImports: true,
        message: "the web app takes only types from @frontrow/api",
      },
    ],
  },
].map(({ files, patterns }) => ({
  files,
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
}));

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/.turbo/**",
      "packages/db/drizzle/**",
      "**/test-results/**",
      "**/playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }],
    },
  },
  {
    files: ["apps/web/**/*.{ts,tsx}", "apps/web/public/**/*.js"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Promises are awaited, handled or marked `void` on purpose; none is passed where a callback's result is ignored.
    files: ["{packages,apps}/*/src/**/*.{ts,tsx}", "apps/e2e/tests/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
    },
  },
  ...layers,
);
