// Seeds the demo organisation: logins for every role, the COMPAS "Recidivism
// risk scorer" with a finished fairness run, a risk raised from its failed
// check and an open release review, then monitoring, GenAI safety and
// governance (intakes, a mitigation, exceptions, a hold, notifications). Everything goes through the services, so
// the audit trail reads like real use. Safe to run again: each step finds
// what an earlier run created and only adds what is missing.
//
// Run with `pnpm exec tsx scripts/seed-demo.ts` (DATABASE_URL, REDIS_URL,
// ASSAY_STORAGE_DIR and ASSAY_QUEUE_PREFIX as set by scripts/env.sh).
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ROLE_LABELS, type PlanCheck, type Role } from "@assay/core";
import { COMPAS_CSV_PATH } from "@assay/datasets";
import { prisma } from "@assay/db";
import { closeQueues } from "@assay/queue";
import {
  acceptInvitation,
  COMPAS_PREDICTIONS_MAPPING,
  createInvitation,
  createModelVersion,
  createRisk,
  createSystem,
  currentPlanVersion,
  openReview,
  processEvaluationRun,
  resolveContext,
  savePlanVersion,
  signOff,
  signUp,
  startRun,
  updateMemberRoles,
  uploadDataset,
  writeCompasPredictionsCsv,
  type ServiceContext,
} from "@assay/services";
import { seedGovernance } from "./seed-governance";
import { seedMonitoring } from "./seed-monitoring";
import { seedSafety } from "./seed-safety";

const PASSWORD = "assay-demo-password";
const DEMO_ORG = "Demo Lending Co";
const OTHER_ORG = "Northwind Insurance";
const SYSTEM_NAME = "Recidivism risk scorer";
const VERSION_LABEL = "compas-v1";
const DATASET_NAME = "COMPAS two-year recidivism (Broward County, 2013–2014)";

type DemoUser = { key: string; email: string; name: string; roles: Role[] };
const ADMIN: DemoUser = { key: "admin", email: "admin@example.com", name: "Ada Admin", roles: ["admin"] };
const MEMBERS: DemoUser[] = [
  { key: "scientist", email: "scientist@example.com", name: "Sam Scientist", roles: ["scientist"] },
  { key: "product_owner", email: "pm@example.com", name: "Pat Product", roles: ["product_owner"] },
  { key: "approver", email: "approver@example.com", name: "Alex Approver", roles: ["approver"] },
  { key: "auditor", email: "auditor@example.com", name: "Aud Auditor", roles: ["auditor"] },
];
// Every role but auditor in their own organisation, so only tenancy can refuse them this one's objects.
const OUTSIDER: DemoUser = { key: "outsider", email: "outsider@example.net", name: "Olive Outsider", roles: ["admin", "scientist", "product_owner", "approver"] };

const ratioBand = { type: "ratio", min: 0.8, max: 1.25 } as const;
const PLAN_CHECKS: PlanCheck[] = [
  { id: "fpr-race", kind: "fairness", metric: "fpr", attribute: "race", band: ratioBand, referenceGroup: "Caucasian" },
  { id: "fnr-race", kind: "fairness", metric: "fnr", attribute: "race", band: ratioBand, referenceGroup: "Caucasian" },
  { id: "selection-rate-race", kind: "fairness", metric: "selection_rate", attribute: "race", band: ratioBand, referenceGroup: "Caucasian" },
  { id: "fpr-sex", kind: "fairness", metric: "fpr", attribute: "sex", band: ratioBand, referenceGroup: "Male" },
];

let created = 0;
const step = (message: string) => {
  created += 1;
  console.log(`  + ${message}`);
};

async function contextOf(userId: string, orgId: string): Promise<ServiceContext> {
  const ctx = await resolveContext(userId, orgId);
  if (!ctx || ctx.orgId !== orgId) throw new Error(`User ${userId} is not a member of organisation ${orgId}.`);
  return ctx;
}

/** The organisation `email` administers under `orgName`, signing the user up (which creates it) when needed. */
async function ensureOrgAdmin(user: DemoUser, orgName: string): Promise<ServiceContext> {
  const existing = await prisma.user.findUnique({ where: { email: user.email } });
  if (!existing) {
    const account = await signUp({ name: user.name, email: user.email, password: PASSWORD, organizationName: orgName });
    step(`${orgName}, with ${user.email} as its admin`);
    return contextOf(account.id, account.orgId);
  }
  const membership = await prisma.membership.findFirst({ where: { userId: existing.id, org: { name: orgName } }, orderBy: { createdAt: "asc" } });
  if (!membership) throw new Error(`${user.email} exists but is not a member of “${orgName}”. Seed a fresh database, or remove that account.`);
  return contextOf(existing.id, membership.orgId);
}

/** Invites a member with their roles and has them accept: sign-up from the link for a new user, acceptance for an existing one. */
async function ensureMember(admin: ServiceContext, user: DemoUser): Promise<ServiceContext> {
  const existing = await prisma.user.findUnique({ where: { email: user.email } });
  if (existing) {
    const membership = await prisma.membership.findUnique({ where: { orgId_userId: { orgId: admin.orgId, userId: existing.id } } });
    if (membership) return contextOf(existing.id, admin.orgId);
  }
  const invitation = await createInvitation(admin, { email: user.email, roles: user.roles });
  let userId: string;
  if (existing) {
    await acceptInvitation(existing.id, invitation.token);
    userId = existing.id;
  } else {
    userId = (await signUp({ name: user.name, email: user.email, password: PASSWORD, invitationToken: invitation.token })).id;
  }
  step(`${user.email} (${user.roles.join(", ")})`);
  return contextOf(userId, admin.orgId);
}

async function ensureDataset(scientist: ServiceContext, versionId: string) {
  const existing = await prisma.dataset.findFirst({ where: { orgId: scientist.orgId, modelVersionId: versionId, name: DATASET_NAME }, orderBy: { createdAt: "asc" } });
  if (existing) return existing;
  const dir = await mkdtemp(path.join(os.tmpdir(), "assay-seed-"));
  try {
    const file = path.join(dir, "compas-predictions.csv");
    const { rowCount } = await writeCompasPredictionsCsv(COMPAS_CSV_PATH, file);
    const dataset = await uploadDataset(scientist, versionId, {
      fields: { name: DATASET_NAME, mapping: JSON.stringify(COMPAS_PREDICTIONS_MAPPING) },
      fileStream: createReadStream(file),
      fileName: "compas-predictions.csv",
    });
    step(`dataset “${DATASET_NAME}” (${rowCount.toLocaleString("en-US")} rows, sensitive: ${dataset.sensitiveColumns.join(", ")})`);
    return dataset;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A succeeded run of the current plan on the dataset, computed here rather than by the worker (which may not be running yet). */
async function ensureRun(scientist: ServiceContext, versionId: string, datasetId: string, planVersionId: string) {
  const where = { orgId: scientist.orgId, modelVersionId: versionId, datasetId, planVersionId };
  const done = await prisma.evaluationRun.findFirst({ where: { ...where, status: "succeeded" }, orderBy: { createdAt: "asc" } });
  if (done) return done;
  // A run left queued or running by an interrupted seed is finished rather than duplicated.
  const pending = await prisma.evaluationRun.findFirst({ where: { ...where, status: { in: ["queued", "running"] } }, orderBy: { createdAt: "asc" } });
  const runId = pending?.id ?? (await startRun(scientist, versionId, { datasetId })).id;
  // The queued job becomes a no-op for the worker: processEvaluationRun skips finished runs.
  const outcome = await processEvaluationRun(runId, { orgId: scientist.orgId });
  const run = await prisma.evaluationRun.findUniqueOrThrow({ where: { id: runId }, include: { checkResults: { orderBy: { checkId: "asc" } } } });
  if (run.status !== "succeeded") {
    throw new Error(`The demo run did not succeed (${outcome.status}): ${run.error ?? ("reason" in outcome ? outcome.reason : "")}`);
  }
  step(`fairness run ${run.id}: ${run.checkResults.map((c) => `${c.checkId} ${c.passed ? "passed" : "FAILED"}`).join(", ")}`);
  return run;
}

async function main() {
  const started = Date.now();
  console.log("Seeding the demo organisation…");

  const admin = await ensureOrgAdmin(ADMIN, DEMO_ORG);
  const members: Record<string, ServiceContext> = {};
  for (const user of MEMBERS) members[user.key] = await ensureMember(admin, user);
  const outsider = await ensureOrgAdmin(OUTSIDER, OTHER_ORG);
  const outsiderMembership = await prisma.membership.findUniqueOrThrow({ where: { orgId_userId: { orgId: outsider.orgId, userId: outsider.userId } } });
  if (outsiderMembership.roles.length !== OUTSIDER.roles.length) await updateMemberRoles(outsider, outsiderMembership.id, { roles: OUTSIDER.roles });
  const scientist = members.scientist!;
  const pm = members.product_owner!;

  let system = await prisma.aiSystem.findFirst({ where: { orgId: admin.orgId, name: SYSTEM_NAME } });
  if (!system) {
    const record = await createSystem(scientist, {
      name: SYSTEM_NAME,
      purpose: "Scores the risk that a defendant re-offends within two years, from the COMPAS questionnaire.",
      intendedUse: "Decision support for pre-trial release officers; a human reviews every score before a decision.",
      prohibitedUses: "Sentencing decisions; any fully automated decision about a person's liberty.",
      ownerIds: [scientist.userId, pm.userId],
      riskTier: "high",
      lifecycleStage: "pilot",
    });
    step(`system “${SYSTEM_NAME}” (high risk)`);
    system = await prisma.aiSystem.findUniqueOrThrow({ where: { id: record.id } });
  }

  let version = await prisma.modelVersion.findFirst({ where: { systemId: system.id, label: VERSION_LABEL } });
  if (!version) {
    const record = await createModelVersion(scientist, system.id, {
      label: VERSION_LABEL,
      modelType: "classifier",
      provider: "Northpointe (COMPAS), as published by ProPublica",
      artifactUri: "https://github.com/propublica/compas-analysis",
    });
    step(`model version ${VERSION_LABEL}`);
    version = await prisma.modelVersion.findUniqueOrThrow({ where: { id: record.id } });
  }

  const dataset = await ensureDataset(scientist, version.id);

  let plan = await currentPlanVersion(prisma, version.id);
  if (!plan) {
    await savePlanVersion(scientist, version.id, {
      checks: PLAN_CHECKS,
      note: "Error-rate balance across race (ProPublica's finding) and sex; ratios to the reference group within the four-fifths band.",
    });
    step(`evaluation plan (${PLAN_CHECKS.length} checks)`);
    plan = (await currentPlanVersion(prisma, version.id))!;
  }

  const run = await ensureRun(scientist, version.id, dataset.id, plan.id);

  const fpr = await prisma.checkResult.findUnique({ where: { runId_checkId: { runId: run.id, checkId: "fpr-race" } } });
  const riskExists = await prisma.riskEntry.findFirst({ where: { orgId: admin.orgId, runId: run.id, checkId: "fpr-race" } });
  if (fpr && !fpr.passed && !riskExists) {
    await createRisk(scientist, {
      runId: run.id,
      checkId: "fpr-race",
      statement:
        "The false positive rate differs by race: African-American defendants who did not re-offend are labelled medium or high risk " +
        "about twice as often as Caucasian defendants (44.8% vs 23.5%), so they would be detained or supervised without cause more often.",
      likelihood: 4,
      impact: 4,
      ownerId: scientist.userId,
      dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    step("risk raised from the failed false-positive-rate check");
  }

  const review = await prisma.releaseReview.findFirst({ where: { orgId: admin.orgId, modelVersionId: version.id } });
  if (!review) {
    const opened = await openReview(pm, { modelVersionId: version.id, title: `Pilot release of ${VERSION_LABEL}` });
    await signOff(scientist, opened.id, {
      role: "scientist",
      comment: "The evaluation is complete and reproduces ProPublica's published error rates; the false-positive-rate gap is recorded as a risk.",
    });
    step("release review opened by the product owner, signed by the scientist");
  }

  const monitoringDir = await mkdtemp(path.join(os.tmpdir(), "assay-seed-"));
  try {
    await seedMonitoring(scientist, monitoringDir, step);
  } finally {
    await rm(monitoringDir, { recursive: true, force: true });
  }

  await seedSafety(scientist, [scientist.userId, pm.userId], step);

  await seedGovernance({ scientist, productOwner: pm, approver: members.approver! }, step);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(created === 0 ? "The demo data is already there; nothing to add." : `Seeded in ${seconds} s.`);
  console.log("");
  console.log(`Demo logins (password: ${PASSWORD})`);
  const roles = (u: DemoUser) => u.roles.map((r) => ROLE_LABELS[r]).join(", ");
  const rows = [...[ADMIN, ...MEMBERS].map((u) => [u.email, roles(u), DEMO_ORG]), [OUTSIDER.email, roles(OUTSIDER), OTHER_ORG]];
  const header = ["Email", "Roles", "Organisation"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => "  " + cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
}

main()
  .catch((error: unknown) => {
    console.error("Seeding failed:", error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await closeQueues();
    await prisma.$disconnect();
  });
