// ESLint: Next's rules, typescript-eslint, and the layering of STYLE.md written as import restrictions.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

// Import paths are matched as written ("../data/reads", "@/lib/data/reads"), so each rule is a regular expression.
const FRAMEWORK = { regex: "^(next|react|react-dom)(/|$)", message: "Pure modules import no Next or React: keep them testable without a server." };
const PRISMA_CLIENT = { regex: "(^|/)generated/prisma(/|$)|^@prisma/client(/|$)", message: "Only lib/data and lib/db.ts use the Prisma client." };
const DATABASE = { regex: "(^|/)(lib/)?db$", message: "Only lib/data reaches the database; call a lib/data function." };
const DATA = { regex: "(^|/)(lib/)?data(/|$)", message: "This layer does not call lib/data: the data layer calls it." };
const DATA_AT_RUNTIME = { ...DATA, allowTypeImports: true, message: "Components get data as props; only its types may come from lib/data." };

const restrict = (...patterns) => ["error", { patterns }];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "lib/generated/**",
    "test-results/**",
    "playwright-report/**",
    "data/**",
    "bench/.tmp/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      // Plain links on purpose: next/link would add about 3 kB to every page, and /compare is at its budget (README, Speed).
      "@next/next/no-html-link-for-pages": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // Everything but the data layer: no Prisma client.
    files: ["**/*.{ts,tsx,mjs,js}"],
    ignores: ["lib/data/**", "lib/db.ts", "tests/**"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict(PRISMA_CLIENT) },
  },
  {
    files: ["lib/domain/**", "lib/export/**", "lib/validation/**"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict(FRAMEWORK, PRISMA_CLIENT, DATABASE, DATA) },
  },
  {
    files: ["components/**"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict(PRISMA_CLIENT, DATABASE, DATA_AT_RUNTIME) },
  },
  {
    files: ["app/**"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict(PRISMA_CLIENT, DATABASE) },
  },
]);
