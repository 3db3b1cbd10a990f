// The layering of STYLE.md is enforced by the linter: a pure module that reaches for the database fails it.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

/** The restricted-import messages ESLint gives `code` as if it were the file at `filePath`. */
async function refusals(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

describe("layering rules", () => {
  it.each([
    ["lib/domain/probe.ts", 'import { getDb } from "../db";\nexport const x = getDb;\n'],
    ["lib/domain/probe.ts", 'import { listEvents } from "../data/reads";\nexport const x = listEvents;\n'],
    ["lib/export/probe.ts", 'import { PrismaClient } from "../generated/prisma/client";\nexport const x = PrismaClient;\n'],
    ["lib/validation/probe.ts", 'import { cache } from "react";\nexport const x = cache;\n'],
    ["lib/validation/probe.ts", 'import { redirect } from "next/navigation";\nexport const x = redirect;\n'],
    ["components/probe.tsx", 'import { listEvents } from "@/lib/data/reads";\nexport const x = listEvents;\n'],
    ["components/probe.tsx", 'import { getDb } from "@/lib/db";\nexport const x = getDb;\n'],
    ["lib/actions/probe.ts", 'import { PrismaClient } from "../generated/prisma/client";\nexport const x = PrismaClient;\n'],
    ["app/probe/page.tsx", 'import { getDb } from "@/lib/db";\nexport const x = getDb;\n'],
  ])("refuses %s importing what its layer may not: %s", async (filePath, code) => {
    expect(await refusals(code, filePath)).toHaveLength(1);
  });

  it.each([
    ["lib/data/probe.ts", 'import { getDb } from "../db";\nexport const x = getDb;\n'],
    ["lib/domain/probe.ts", 'import { METRICS } from "./metrics";\nexport const x = METRICS;\n'],
    ["components/probe.tsx", 'import type { EventDetail } from "@/lib/data/reads";\nexport type X = EventDetail;\n'],
    ["app/probe/page.tsx", 'import { listEvents } from "@/lib/data/reads";\nexport const x = listEvents;\n'],
  ])("lets %s import what its layer may: %s", async (filePath, code) => {
    expect(await refusals(code, filePath)).toEqual([]);
  });
});
