// ESLint 9 flat config, run from the repository root by `npm run lint` (`eslint --config test/eslint.config.js`).
// Type-aware typescript-eslint, React, hooks and accessibility rules, plus the house's layering:
// imports run route -> component / service -> form / util -> db -> domain, and never in a circle.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const root = new URL("..", import.meta.url).pathname;

/** `no-restricted-imports` patterns for one layer: the modules it must not import, and why. */
function layer(files, patterns) {
  return { files, rules: { "no-restricted-imports": ["error", { patterns }] } };
}

const ABOVE_FORMS_AND_UTILS = {
  group: [
    "~/services/*",
    "~/routes/*",
    "~/components/*",
    "~/root",
    "~/entry.*",
    "**/services/*",
    "**/routes/*",
    "**/components/*",
  ],
  message:
    "Forms and utils sit below services, routes and components: move what both need down here, or into app/domain.",
};

export default defineConfig(
  { ignores: ["build/**", "public/build/**", ".cache/**", "node_modules/**", "data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["remix.config.js", "test/eslint.config.js"] },
        tsconfigRootDir: root,
      },
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Remix loaders and actions may throw a Response: that is how they answer 404 or redirect.
      "@typescript-eslint/only-throw-error": [
        "error",
        {
          allow: [
            { from: "lib", name: "Response" },
            { from: "package", package: "@remix-run/server-runtime", name: "TypedResponse" },
          ],
        },
      ],
      // Rejecting with what was caught or aborted (unknown, any) passes it on unchanged, as a rethrow does.
      "@typescript-eslint/prefer-promise-reject-errors": [
        "error",
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
      // A Remix form handler returns a promise by design (`onSubmit={handleSubmit}`).
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ["**/*.tsx"],
    ...react.configs.flat.recommended,
    ...react.configs.flat["jsx-runtime"],
    plugins: { react, "jsx-a11y": jsxA11y },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat["jsx-runtime"].rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      "react/prop-types": "off", // TypeScript checks props
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ["app/**/*.{ts,tsx}", "db/**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": importX.flatConfigs.typescript.settings["import-x/extensions"],
      "import-x/parsers": importX.flatConfigs.typescript.settings["import-x/parsers"],
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: `${root}tsconfig.json` })],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-self-import": "error",
    },
  },
  layer(
    ["app/domain/**"],
    [
      {
        group: ["react", "react-dom", "react-*", "@remix-run/*", "recharts", "@tanstack/*"],
        message: "app/domain is the pure engine: no UI.",
      },
      { group: ["kysely", "kysely-*", "sqlite3", "pg"], message: "app/domain is the pure engine: no database." },
      {
        regex: "^node:",
        message: "app/domain is the pure engine: no node:* modules, so it runs in a browser worker too.",
      },
      {
        group: ["~/*", "!~/domain", "!~/domain/*", "../*"],
        message: "app/domain imports nothing of the rest of app/.",
      },
    ],
  ),
  layer(
    ["app/components/**"],
    [
      {
        group: ["*.server", "*.server.*"],
        message: "Components import no *.server module: take what you need as props, with a type of your own.",
      },
    ],
  ),
  layer(["app/forms/**", "app/utils/**"], [ABOVE_FORMS_AND_UTILS]),
  layer(
    ["app/services/**"],
    [
      {
        group: ["~/routes/*", "~/components/*", "~/root", "../routes/*", "../components/*"],
        message: "Services sit below routes and components.",
      },
    ],
  ),
  layer(
    ["db/**"],
    [
      {
        group: ["~/*", "!~/domain", "!~/domain/*", "**/app/*", "!**/app/domain", "!**/app/domain/*"],
        message: "db/ sits below the app: it may use app/domain, nothing else of app/.",
      },
    ],
  ),
  {
    // Tests hold what they read back (parsed JSON downloads, CLI output) and deliberately malformed
    // documents as `any`: the assertions that follow are what check their shape.
    files: ["test/**"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // Kysely's convention: migrations are frozen in time, so they take `Kysely<any>` rather than
    // today's Database interface.
    files: ["db/migrate.ts", "db/migrations/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
);
