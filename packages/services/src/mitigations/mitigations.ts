import {
  checkVerification,
  isPastDue,
  measureFairnessCheck,
  safetyChecksOf,
  measureSafetyCheck,
  planChecksSchema,
  verificationStatus,
  type MitigationVerification,
  type PlanCheck,
  type RiskTier,
  type VerificationSide,
  type VersionRef,
} from "@assay/core";
import { prisma, type Mitigation, type Prisma, type Tx } from "@assay/db";
import { mutate, type AuditEntry } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, invalid, notFound } from "../errors";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import { assertOwnerIsMember, lockRisk } from "../risks/risks";
import type { StoredFairnessResult } from "../runs/process";
import type { StoredSafetyResult } from "../safety/runs";
import { unknownSuiteKeys } from "../safety/suite-keys";
import { createMitigationSchema, updateMitigationSchema, verifyMitigationSchema, type UpdateMitigationInput } from "./schemas";

export type MitigationDto = {
  id: string;
  riskId: string;
  type: Mitigation["type"];
  description: string;
  ownerId: string;
  owner: UserRef;
  dueDate: Date | null;
  /** Past its due date and not verified. */
  overdue: boolean;
  acceptanceChecks: PlanCheck[];
  status: Mitigation["status"];
  /** The version the risk was found on: the "before" of every check. */
  baselineVersion: VersionRef | null;
  /** The later version the last verification ran on, whether it passed or not. */
  verifiedVersion: VersionRef | null;
  verification: MitigationVerification | null;
  verifiedAt: Date | null;
  createdBy: UserRef;
  createdAt: Date;
  updatedAt: Date;
};

/** A version the mitigation may be verified on: same system, created after the baseline. */
export type VerificationVersion = { id: string; label: string; createdAt: Date };

type Record = (entry: AuditEntry) => Promise<void>;

async function versionRefs(ids: ReadonlyArray<string | null>): Promise<Map<string, VersionRef>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const versions = await prisma.modelVersion.findMany({ where: { id: { in: unique } }, select: { id: true, label: true } });
  return new Map(versions.map((v) => [v.id, v]));
}

function isOverdueMitigation(m: Pick<Mitigation, "dueDate" | "status">, now: Date): boolean {
  return m.dueDate !== null && isPastDue(m.dueDate, now) && m.status !== "verified";
}

async function toDtos(rows: readonly Mitigation[]): Promise<MitigationDto[]> {
  const [refs, versions] = await Promise.all([
    userRefs(rows.flatMap((m) => [m.ownerId, m.createdById])),
    versionRefs(rows.flatMap((m) => [m.baselineVersionId, m.verifiedVersionId])),
  ]);
  const now = new Date();
  const version = (id: string | null) => (id ? (versions.get(id) ?? { id, label: "a deleted version" }) : null);
  return rows.map((m) => ({
    id: m.id,
    riskId: m.riskId,
    type: m.type,
    description: m.description,
    ownerId: m.ownerId,
    owner: refFor(refs, m.ownerId),
    dueDate: m.dueDate,
    overdue: isOverdueMitigation(m, now),
    // Validated by acceptanceChecksSchema when written.
    acceptanceChecks: m.acceptanceChecks as unknown as PlanCheck[],
    status: m.status,
    baselineVersion: version(m.baselineVersionId),
    verifiedVersion: version(m.verifiedVersionId),
    verification: (m.verification as unknown as MitigationVerification | null) ?? null,
    verifiedAt: m.verifiedAt,
    createdBy: refFor(refs, m.createdById),
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  }));
}

async function toDto(row: Mitigation): Promise<MitigationDto> {
  return (await toDtos([row]))[0]!;
}

/** What the audit log keeps of a mitigation's own fields. */
function auditFields(m: Mitigation) {
  return {
    riskId: m.riskId,
    type: m.type,
    description: m.description,
    ownerId: m.ownerId,
    dueDate: m.dueDate,
    acceptanceChecks: m.acceptanceChecks,
    status: m.status,
    baselineVersionId: m.baselineVersionId,
  };
}

async function findRisk(ctx: ServiceContext, riskId: string) {
  const risk = await prisma.riskEntry.findFirst({
    where: { id: riskId, orgId: ctx.orgId },
    select: { id: true, systemId: true, modelVersionId: true, runId: true, status: true, createdAt: true, system: { select: { riskTier: true } } },
  });
  if (!risk) throw notFound("Risk");
  return risk;
}
type RiskScope = Awaited<ReturnType<typeof findRisk>>;

async function findMitigation(ctx: ServiceContext, mitigationId: string): Promise<Mitigation> {
  const mitigation = await prisma.mitigation.findFirst({ where: { id: mitigationId, orgId: ctx.orgId } });
  if (!mitigation) throw notFound("Mitigation");
  return mitigation;
}

/**
 * The version a risk was found on, against which later versions are judged:
 * the risk's own version, else its run's, else (a risk raised on the system
 * as a whole) the system's newest version when the risk was raised. Null
 * when the system had no version then: any version of it may verify.
 */
async function baselineVersionOf(risk: RiskScope): Promise<(VersionRef & { createdAt: Date }) | null> {
  const select = { id: true, label: true, createdAt: true } as const;
  if (risk.modelVersionId) return prisma.modelVersion.findUnique({ where: { id: risk.modelVersionId }, select });
  if (risk.runId) {
    const run = await prisma.evaluationRun.findUnique({ where: { id: risk.runId }, select: { modelVersion: { select } } });
    if (run) return run.modelVersion;
  }
  return prisma.modelVersion.findFirst({
    where: { systemId: risk.systemId, createdAt: { lte: risk.createdAt } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select,
  });
}

/**
 * Keeps "mitigated" honest: when a mitigation of a mitigated risk stops being
 * verified (a new mitigation, a failed verification, changed acceptance
 * checks), the risk goes back to "mitigating", audited with the reason.
 * Call with the risk's row lock held.
 */
async function reopenIfMitigated(tx: Tx, record: Record, riskId: string, reason: string): Promise<void> {
  const risk = await tx.riskEntry.findUniqueOrThrow({ where: { id: riskId }, select: { status: true } });
  if (risk.status !== "mitigated") return;
  await tx.riskEntry.update({ where: { id: riskId }, data: { status: "mitigating" } });
  await record({ action: "risk.reopened", entityType: "RiskEntry", entityId: riskId, before: { status: "mitigated" }, after: { status: "mitigating", reason } });
}

/** A safety check names a suite; a misspelt key would leave the mitigation unverifiable forever. */
async function assertKnownSuites(orgId: string, checks: readonly PlanCheck[]): Promise<void> {
  const safetyChecks = safetyChecksOf(checks);
  const unknown = await unknownSuiteKeys(orgId, safetyChecks.map((c) => c.suite));
  const bad = safetyChecks.find((c) => unknown.includes(c.suite));
  if (bad) {
    throw invalid(`Check “${bad.id}” names suite “${bad.suite}”, which is neither a built-in suite nor a suite of this organisation.`, {
      path: "acceptanceChecks",
      unknownSuites: unknown,
    });
  }
}

export async function listMitigations(ctx: ServiceContext, riskId: string): Promise<MitigationDto[]> {
  assertCan(ctx, "org.read");
  const risk = await findRisk(ctx, riskId);
  const rows = await prisma.mitigation.findMany({ where: { orgId: ctx.orgId, riskId: risk.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return toDtos(rows);
}

export async function getMitigation(ctx: ServiceContext, mitigationId: string): Promise<MitigationDto> {
  assertCan(ctx, "org.read");
  return toDto(await findMitigation(ctx, mitigationId));
}

/** The versions a risk's mitigations may be verified on, newest first, with the baseline they are compared with. */
export async function listVerificationVersions(
  ctx: ServiceContext,
  riskId: string,
): Promise<{ baseline: (VersionRef & { createdAt: Date }) | null; versions: VerificationVersion[] }> {
  assertCan(ctx, "org.read");
  const risk = await findRisk(ctx, riskId);
  const baseline = await baselineVersionOf(risk);
  const versions = await prisma.modelVersion.findMany({
    where: { orgId: ctx.orgId, systemId: risk.systemId, ...(baseline ? { createdAt: { gt: baseline.createdAt } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, label: true, createdAt: true },
  });
  return { baseline, versions };
}

/**
 * Adds a mitigation to a risk: its type, owner (a member), due date and the
 * acceptance checks a run on a later version must pass. A mitigated risk
 * goes back to mitigating, since the new mitigation is not verified yet.
 */
export async function createMitigation(ctx: ServiceContext, riskId: string, raw: unknown): Promise<MitigationDto> {
  assertCan(ctx, "risk.write");
  // Role, then tenancy, then the body: another organisation's risk is a 404 whatever is sent.
  const risk = await findRisk(ctx, riskId);
  const input = createMitigationSchema.parse(raw);
  const ownerId = input.ownerId ?? ctx.userId;
  await assertOwnerIsMember(ctx.orgId, ownerId);
  await assertKnownSuites(ctx.orgId, input.acceptanceChecks);
  const baseline = await baselineVersionOf(risk);
  const created = await mutate(ctx, async (tx, record) => {
    await lockRisk(tx, risk.id);
    const row = await tx.mitigation.create({
      data: {
        orgId: ctx.orgId,
        riskId: risk.id,
        type: input.type,
        description: input.description,
        ownerId,
        dueDate: input.dueDate ?? null,
        acceptanceChecks: input.acceptanceChecks as unknown as Prisma.InputJsonValue,
        status: "planned",
        baselineVersionId: baseline?.id ?? null,
        createdById: ctx.userId,
      },
    });
    await record({ action: "mitigation.created", entityType: "Mitigation", entityId: row.id, after: auditFields(row) });
    await reopenIfMitigated(tx, record, risk.id, "A new mitigation was added that no run has verified yet.");
    return row;
  });
  return toDto(created);
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sameDate = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * Edits a mitigation. Changing its acceptance checks voids any verification
 * (it was of other checks): the mitigation goes back to in progress and, if
 * its risk was mitigated, the risk back to mitigating. A verified
 * mitigation's status cannot be set by hand.
 */
export async function updateMitigation(ctx: ServiceContext, mitigationId: string, raw: unknown): Promise<MitigationDto> {
  assertCan(ctx, "risk.write");
  const existing = await findMitigation(ctx, mitigationId);
  const input: UpdateMitigationInput = updateMitigationSchema.parse(raw);

  const changes: Partial<Pick<Mitigation, "type" | "description" | "ownerId" | "dueDate" | "status">> & { acceptanceChecks?: PlanCheck[] } = {};
  if (input.type !== undefined && input.type !== existing.type) changes.type = input.type;
  if (input.description !== undefined && input.description !== existing.description) changes.description = input.description;
  if (input.ownerId !== undefined && input.ownerId !== existing.ownerId) changes.ownerId = input.ownerId;
  if (input.dueDate !== undefined && !sameDate(input.dueDate, existing.dueDate)) changes.dueDate = input.dueDate;
  const checksChanged = input.acceptanceChecks !== undefined && !sameJson(input.acceptanceChecks, existing.acceptanceChecks);
  if (checksChanged) changes.acceptanceChecks = input.acceptanceChecks;
  if (input.status !== undefined && input.status !== existing.status) {
    if (existing.status === "verified" && !checksChanged) {
      throw conflict("A verified mitigation keeps its status: it comes from the run that verified it. Change its acceptance checks to start over.", {
        path: "status",
      });
    }
    changes.status = input.status;
  }
  // A verification of other checks says nothing about these: it is cleared, and a verified or failed mitigation is back in progress.
  const voidsVerification = checksChanged && existing.verifiedVersionId !== null;
  if (checksChanged && input.status === undefined && (existing.status === "verified" || existing.status === "failed")) {
    changes.status = "in_progress";
  }
  if (Object.keys(changes).length === 0 && !voidsVerification) return toDto(existing);
  if (changes.ownerId !== undefined) await assertOwnerIsMember(ctx.orgId, changes.ownerId);
  if (changes.acceptanceChecks) await assertKnownSuites(ctx.orgId, changes.acceptanceChecks);

  const data: Prisma.MitigationUpdateInput = {
    ...changes,
    ...(changes.acceptanceChecks ? { acceptanceChecks: changes.acceptanceChecks as unknown as Prisma.InputJsonValue } : {}),
    ...(voidsVerification ? { verifiedVersionId: null, verifiedAt: null } : {}),
  };
  const keys = Object.keys(changes) as Array<keyof typeof changes>;
  const before: { [key: string]: unknown } = Object.fromEntries(keys.map((k) => [k, existing[k]]));
  const after: { [key: string]: unknown } = { ...changes };
  if (voidsVerification) {
    before.verifiedVersionId = existing.verifiedVersionId;
    after.verifiedVersionId = null;
    after.verificationCleared = true;
  }

  const updated = await mutate(ctx, async (tx, record) => {
    await lockRisk(tx, existing.riskId);
    if (voidsVerification) {
      // SQL NULL for the Json column (@assay/db exports Prisma's namespace as types only, so Prisma.DbNull is out of reach).
      await tx.$executeRaw`UPDATE "Mitigation" SET "verification" = NULL WHERE "id" = ${existing.id}`;
    }
    const row = await tx.mitigation.update({ where: { id: existing.id }, data });
    await record({ action: "mitigation.updated", entityType: "Mitigation", entityId: existing.id, before, after });
    if (existing.status === "verified" && row.status !== "verified") {
      await reopenIfMitigated(tx, record, existing.riskId, "A verified mitigation's acceptance checks changed, so it needs verifying again.");
    }
    return row;
  });
  return toDto(updated);
}

type RunForVerification = {
  id: string;
  kind: "fairness" | "safety";
  finishedAt: Date | null;
  results: Prisma.JsonValue;
  suiteVersion: { suite: { key: string } } | null;
};

/** Succeeded runs of a version, latest first. */
async function succeededRuns(orgId: string, versionId: string): Promise<RunForVerification[]> {
  return prisma.evaluationRun.findMany({
    where: { orgId, modelVersionId: versionId, status: "succeeded" },
    orderBy: [{ finishedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { id: "desc" }],
    select: { id: true, kind: true, finishedAt: true, results: true, suiteVersion: { select: { suite: { select: { key: true } } } } },
  });
}

/**
 * The latest run that evaluated the check, and what it shows: for a fairness
 * check, a fairness run whose stored results contain the check's attribute,
 * re-judged here with the system's tier; for a safety check, a safety run of
 * the check's suite. Null when no run on the version evaluated it.
 */
function measure(check: PlanCheck, runs: readonly RunForVerification[], version: VersionRef, tier: RiskTier): VerificationSide | null {
  for (const run of runs) {
    const side = { runId: run.id, runKind: run.kind, version, finishedAt: run.finishedAt?.toISOString() ?? null };
    if (check.kind === "fairness" && run.kind === "fairness") {
      const results = run.results as unknown as StoredFairnessResult | null;
      if (!results?.attributes?.some((a) => a.attribute === check.attribute)) continue;
      return { ...side, ...measureFairnessCheck(check, results, tier) };
    }
    if (check.kind === "safety" && run.kind === "safety" && run.suiteVersion?.suite.key === check.suite) {
      const results = run.results as unknown as StoredSafetyResult | null;
      if (!results?.summary) continue;
      return { ...side, ...measureSafetyCheck(check, results.summary) };
    }
  }
  return null;
}

/**
 * Verifies a mitigation on a later model version of the risk's system. Each
 * acceptance check is judged on the latest succeeded run of that version that
 * evaluated it ("after"), and on the baseline version's likewise ("before").
 * The mitigation is verified when every check passes after, failed otherwise
 * (a check no run evaluated fails and says so). The result, both sides of
 * every check with values, intervals and summaries, is stored and audited.
 * A failed verification sends a mitigated risk back to mitigating.
 */
export async function verifyMitigation(ctx: ServiceContext, mitigationId: string, raw: unknown): Promise<MitigationDto> {
  assertCan(ctx, "risk.write");
  const mitigation = await findMitigation(ctx, mitigationId);
  const input = verifyMitigationSchema.parse(raw);
  const risk = await findRisk(ctx, mitigation.riskId);
  const version = await prisma.modelVersion.findFirst({
    where: { id: input.modelVersionId, orgId: ctx.orgId },
    select: { id: true, label: true, systemId: true, createdAt: true },
  });
  if (!version) throw notFound("Model version");
  if (version.systemId !== risk.systemId) {
    throw invalid(`Version ${version.label} belongs to another system; verify on a later version of the risk's own system.`, { path: "modelVersionId" });
  }
  const baseline = await baselineVersionOf(risk);
  if (baseline && version.id === baseline.id) {
    throw invalid(`${version.label} is the version the risk was found on; a mitigation is verified only by a later version.`, { path: "modelVersionId" });
  }
  if (baseline && version.createdAt.getTime() <= baseline.createdAt.getTime()) {
    throw invalid(`${version.label} is older than ${baseline.label}, the version the risk was found on; a mitigation is verified only by a later version.`, {
      path: "modelVersionId",
    });
  }

  const checks = planChecksSchema.parse(mitigation.acceptanceChecks);
  const versionRef: VersionRef = { id: version.id, label: version.label };
  const baselineRef: VersionRef | null = baseline ? { id: baseline.id, label: baseline.label } : null;
  const [afterRuns, beforeRuns] = await Promise.all([
    succeededRuns(ctx.orgId, version.id),
    baseline ? succeededRuns(ctx.orgId, baseline.id) : Promise.resolve([]),
  ]);
  const tier = risk.system.riskTier;
  const results = checks.map((check) =>
    checkVerification({
      check,
      version: versionRef,
      before: baselineRef ? measure(check, beforeRuns, baselineRef, tier) : null,
      after: measure(check, afterRuns, versionRef, tier),
    }),
  );
  const status = verificationStatus(results);
  const verifiedAt = new Date();
  const verification: MitigationVerification = { version: versionRef, baseline: baselineRef, verifiedAt: verifiedAt.toISOString(), checks: results };

  const updated = await mutate(ctx, async (tx, record) => {
    await lockRisk(tx, risk.id);
    const row = await tx.mitigation.update({
      where: { id: mitigation.id },
      data: {
        status,
        verification: verification as unknown as Prisma.InputJsonValue,
        verifiedVersionId: version.id,
        verifiedAt,
        baselineVersionId: baseline?.id ?? null,
      },
    });
    await record({
      action: status === "verified" ? "mitigation.verified" : "mitigation.verification_failed",
      entityType: "Mitigation",
      entityId: mitigation.id,
      before: { status: mitigation.status, verifiedVersionId: mitigation.verifiedVersionId },
      after: {
        status,
        verifiedVersionId: version.id,
        baselineVersionId: baseline?.id ?? null,
        checks: results.map((c) => ({
          checkId: c.checkId,
          passed: c.passed,
          value: c.after?.value ?? null,
          runId: c.after?.runId ?? null,
          baselineValue: c.before?.value ?? null,
          baselineRunId: c.before?.runId ?? null,
          ...(c.problem ? { problem: c.problem } : {}),
        })),
      },
    });
    if (status === "failed") {
      await reopenIfMitigated(tx, record, risk.id, `A mitigation failed its verification on ${version.label}.`);
    }
    return row;
  });
  return toDto(updated);
}
