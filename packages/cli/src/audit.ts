import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { auditSegmentSchema, verifyAuditSegment, type SegmentVerdict } from "@assay/core";
import { unzipSync, strFromU8 } from "fflate";
import { z } from "zod";
import { InputError } from "./fairness";

export const auditVerifyArgsSchema = z
  .object({
    pack: z.string().min(1).optional(),
    segment: z.string().min(1).optional(),
    org: z.string().min(1).optional(),
    format: z.enum(["json", "text"]).default("text"),
  })
  .refine((a) => [a.pack, a.segment, a.org].filter(Boolean).length === 1, {
    message: "Give exactly one of --pack EVIDENCE.zip, --segment audit-chain.json or --org SLUG (reads DATABASE_URL).",
  });
export type AuditVerifyArgs = z.infer<typeof auditVerifyArgsSchema>;

export function parseAuditVerifyArgs(argv: string[]): AuditVerifyArgs {
  const { values } = parseArgs({ args: argv, options: { pack: { type: "string" }, segment: { type: "string" }, org: { type: "string" }, format: { type: "string" } }, strict: true });
  return auditVerifyArgsSchema.parse(values);
}

export type AuditVerifyReport =
  | { source: "segment"; file: string; verdict: SegmentVerdict; anchor: { seq: number; hash: string }; head: { seq: number; hash: string } }
  | { source: "database"; org: string; verdict: { ok: boolean; checked: number; brokenAtSeq?: number; reason?: string; headHash?: string } };

async function segmentText(args: AuditVerifyArgs): Promise<{ file: string; text: string }> {
  if (args.segment) return { file: args.segment, text: await readFile(args.segment, "utf8").catch(() => Promise.reject(new InputError(`Cannot read --segment ${args.segment}.`))) };
  const file = args.pack!;
  const bytes = await readFile(file).catch(() => Promise.reject(new InputError(`Cannot read --pack ${file}.`)));
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(bytes));
  } catch {
    throw new InputError(`${file} is not a ZIP file.`);
  }
  const entry = Object.entries(entries).find(([name]) => name.endsWith("audit-chain.json"));
  if (!entry) throw new InputError(`${file} has no audit-chain.json (packs built before the chain segment existed cannot be verified offline).`);
  return { file: `${file}:${entry[0]}`, text: strFromU8(entry[1]) };
}

/**
 * `assay audit verify`: offline, the chain segment of an evidence pack (or a
 * bare audit-chain.json); online, an organisation's whole chain in Postgres.
 * Either way it names the first broken link.
 */
export async function runAuditVerify(args: AuditVerifyArgs): Promise<AuditVerifyReport> {
  if (args.org) {
    const { prisma } = await import("@assay/db");
    const { verifyOrgAuditChain } = await import("@assay/services");
    const org = await prisma.organization.findUnique({ where: { slug: args.org }, select: { id: true } });
    if (!org) throw new InputError(`No organisation with slug '${args.org}'.`);
    try {
      // An operator's read-only pass: the auditor role may read the whole chain and change nothing.
      const verdict = await verifyOrgAuditChain({ userId: "assay-cli", orgId: org.id, roles: ["auditor"] });
      return { source: "database", org: args.org, verdict };
    } finally {
      await prisma.$disconnect();
    }
  }
  const { file, text } = await segmentText(args);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`${file} is not valid JSON.`);
  }
  const parsed = auditSegmentSchema.safeParse(json);
  if (!parsed.success) throw new InputError(`${file} is not an Assay audit segment: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
  return { source: "segment", file, verdict: verifyAuditSegment(parsed.data), anchor: parsed.data.anchor, head: parsed.data.head };
}

const REASONS: Record<string, string> = {
  altered: "its content no longer matches its hash",
  missing_or_reordered: "an event is missing or out of order here",
  bad_link: "it does not link to the hash of the event before it",
  head_mismatch: "the chain does not end at the recorded head (events were removed from the end)",
};

export function formatAuditVerify(report: AuditVerifyReport): string {
  const v = report.verdict;
  const where = report.source === "segment" ? report.file : `organisation ${report.org}`;
  if (v.ok) return `OK: ${where}: ${v.checked} events verified; head ${"headHash" in v ? v.headHash : ""}`;
  return `BROKEN: ${where}: first broken link at event #${v.brokenAtSeq}: ${REASONS[v.reason ?? ""] ?? v.reason} (${v.checked} events before it verified).`;
}
