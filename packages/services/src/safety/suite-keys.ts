import { BUILTIN_SUITE_KEYS } from "@assay/datasets/safety-suites";
import { prisma } from "@assay/db";

const builtinKeys: ReadonlySet<string> = new Set(BUILTIN_SUITE_KEYS);

/** The keys, of those given, that name neither a built-in suite nor one of the organisation's suites. */
export async function unknownSuiteKeys(orgId: string, keys: readonly string[]): Promise<string[]> {
  const candidates = [...new Set(keys)].filter((k) => !builtinKeys.has(k));
  if (candidates.length === 0) return [];
  const found = await prisma.safetySuite.findMany({ where: { orgId, key: { in: candidates } }, select: { key: true } });
  const known = new Set(found.map((s) => s.key));
  return candidates.filter((k) => !known.has(k));
}
