import { canonicalJson, fairnessChecksOf, planChecksSchema, safetyChecksOf, type PlanCheck } from "@assay/core";
import { prisma, type EvaluationPlanVersion, type Prisma, type Tx } from "@assay/db";
import { z } from "zod";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, invalid, notFound, unprocessable } from "../errors";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import { unknownSuiteKeys } from "../safety/suite-keys";

export const savePlanVersionSchema = z.object({
  checks: planChecksSchema,
  note: z.string().trim().max(2000, "Keep the note under 2000 characters.").default(""),
  /**
   * The plan version the editor started from (0 when there was no plan).
   * When sent, a save on top of a newer version is refused instead of
   * silently replacing a colleague's edit.
   */
  baseVersion: z.number().int().min(0).optional(),
});
export type SavePlanVersionInput = z.infer<typeof savePlanVersionSchema>;

export type PlanVersionDto = {
  id: string;
  version: number;
  checks: PlanCheck[];
  note: string;
  createdAt: Date;
  createdBy: UserRef;
};

export type PlanView = {
  modelVersionId: string;
  planId: string | null;
  current: PlanVersionDto | null;
  /** Every version, newest first (the first one is `current`). */
  history: PlanVersionDto[];
  /**
   * Sensitive columns across this version's datasets. Empty when no dataset
   * is uploaded yet, in which case check attributes are not constrained.
   */
  sensitiveAttributes: string[];
};

/** Checks were validated by planChecksSchema when written, and versions are immutable. */
function storedChecks(row: Pick<EvaluationPlanVersion, "checks">): PlanCheck[] {
  return row.checks as unknown as PlanCheck[];
}

function toDto(row: EvaluationPlanVersion, refs: Map<string, UserRef>): PlanVersionDto {
  return { id: row.id, version: row.version, checks: storedChecks(row), note: row.note, createdAt: row.createdAt, createdBy: refFor(refs, row.createdById) };
}

async function findVersion(ctx: ServiceContext, versionId: string) {
  const version = await prisma.modelVersion.findFirst({ where: { id: versionId, orgId: ctx.orgId }, select: { id: true, label: true } });
  if (!version) throw notFound("Model version");
  return version;
}

export async function sensitiveAttributesOf(db: Tx, orgId: string, modelVersionId: string): Promise<string[]> {
  const datasets = await db.dataset.findMany({ where: { orgId, modelVersionId }, select: { sensitiveColumns: true } });
  return [...new Set(datasets.flatMap((d) => d.sensitiveColumns))].sort((a, b) => a.localeCompare(b));
}

/** The newest plan version of a model version, or null when it has no plan. */
export async function currentPlanVersion(db: Tx, modelVersionId: string): Promise<(EvaluationPlanVersion & { checks: PlanCheck[] }) | null> {
  const row = await db.evaluationPlanVersion.findFirst({ where: { plan: { modelVersionId } }, orderBy: { version: "desc" } });
  return row ? { ...row, checks: storedChecks(row) } : null;
}

export async function getPlan(ctx: ServiceContext, versionId: string): Promise<PlanView> {
  assertCan(ctx, "org.read");
  const version = await findVersion(ctx, versionId);
  const [plan, sensitiveAttributes] = await Promise.all([
    prisma.evaluationPlan.findFirst({
      where: { modelVersionId: version.id, orgId: ctx.orgId },
      include: { versions: { orderBy: { version: "desc" } } },
    }),
    sensitiveAttributesOf(prisma, ctx.orgId, version.id),
  ]);
  const rows = plan?.versions ?? [];
  const refs = await userRefs(rows.map((r) => r.createdById));
  const history = rows.map((r) => toDto(r, refs));
  return { modelVersionId: version.id, planId: plan?.id ?? null, current: history[0] ?? null, history, sensitiveAttributes };
}

/**
 * Appends the next immutable plan version. Runs record the plan version they
 * used, so existing versions are never edited.
 */
export async function savePlanVersion(ctx: ServiceContext, versionId: string, raw: unknown): Promise<PlanVersionDto> {
  assertCan(ctx, "plan.write");
  const input = savePlanVersionSchema.parse(raw);
  const version = await findVersion(ctx, versionId);

  // Plans may be written before any data exists; once there is data, a check
  // on a column that no dataset marks as sensitive could never be evaluated.
  const attributes = await sensitiveAttributesOf(prisma, ctx.orgId, version.id);
  if (attributes.length > 0) {
    const unknown = fairnessChecksOf(input.checks).filter((c) => !attributes.includes(c.attribute));
    const first = unknown[0];
    if (first) {
      throw invalid(
        `Check “${first.id}” uses “${first.attribute}”, which is not a sensitive attribute of any dataset of ${version.label}. ` +
          `Sensitive attributes: ${attributes.join(", ")}.`,
        { path: "checks", unknownAttributes: unknown.map((c) => ({ checkId: c.id, attribute: c.attribute })), sensitiveAttributes: attributes },
      );
    }
  }
  // A safety check names a suite; a misspelt key would leave the gate "missing" forever.
  const safetyChecks = safetyChecksOf(input.checks);
  const unknownSuites = await unknownSuiteKeys(ctx.orgId, safetyChecks.map((c) => c.suite));
  const badCheck = safetyChecks.find((c) => unknownSuites.includes(c.suite));
  if (badCheck) {
    throw invalid(`Check “${badCheck.id}” names suite “${badCheck.suite}”, which is neither a built-in suite nor a suite of this organisation.`, {
      path: "checks",
      unknownSuites,
    });
  }

  return mutate(ctx, async (tx, record) => {
    // One writer per model version at a time, so version numbers never collide.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"plan:" + version.id}, 0))`;
    const plan = await tx.evaluationPlan.upsert({
      where: { modelVersionId: version.id },
      create: { orgId: ctx.orgId, modelVersionId: version.id },
      update: {},
    });
    const previous = await currentPlanVersion(tx, version.id);
    const latest = previous?.version ?? 0;
    if (input.baseVersion !== undefined && input.baseVersion !== latest) {
      throw conflict(
        `The plan has changed since you opened it: it is now at version ${latest}. Reload to see it, then make your edit again.`,
        { currentVersion: latest },
      );
    }
    // A copy would make every run on the current plan look out of date for no reason.
    if (previous && canonicalJson(previous.checks) === canonicalJson(input.checks)) {
      throw unprocessable(`These checks are identical to version ${latest}. Change a check to save a new version.`);
    }
    const created = await tx.evaluationPlanVersion.create({
      data: { planId: plan.id, version: latest + 1, checks: input.checks as Prisma.InputJsonValue, note: input.note, createdById: ctx.userId },
    });
    await record({
      action: "plan.version_created",
      entityType: "EvaluationPlan",
      entityId: plan.id,
      before: previous ? { planVersionId: previous.id, version: previous.version, checks: previous.checks } : undefined,
      after: { planVersionId: created.id, modelVersionId: version.id, version: created.version, checks: input.checks, note: created.note },
    });
    const refs = await userRefs([ctx.userId]);
    return toDto(created, refs);
  });
}
