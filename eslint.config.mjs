// Lint runs in CI (`npm test`). TypeScript is linted with type information: typescript-eslint's project service
// opens each file in its program through tsconfig.json's references (tsconfig.lib.json for the shipped code,
// tsconfig.test.json for test/), so rules can see types, e.g. a promise that nobody awaits.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "**/node_modules/**", ".state/**", "bench/results.json"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-require-imports": "off",
      // A promise is awaited, returned, handled, or discarded on purpose with `void` (and a comment saying why).
      "@typescript-eslint/no-floating-promises": "error",
      // No promise where a plain value is expected: an async callback whose caller ignores the promise, a promise
      // tested as a condition, a spread promise.
      "@typescript-eslint/no-misused-promises": "error",
      // String(x) of an object is "[object Object]": find out what the value is first.
      "@typescript-eslint/no-base-to-string": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        console: "readonly",
        __dirname: "readonly",
      },
    },
  },
);
