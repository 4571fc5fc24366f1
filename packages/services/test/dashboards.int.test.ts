import type { PlanCheck } from "@assay/core";
import { prisma, type Prisma, type RunStatus } from "@assay/db";
import { beforeAll, describe, expect, it } from "vitest";
import { ServiceError } from "../src/errors";
import { getPortfolio, getReadiness } from "../src/dashboards";
import { savePlanVersion } from "../src/plans";
import { createModelVersion, createSystem } from "../src/registry";
import { decide, openReview, recordRecommendation, signOff } from "../src/reviews";
import { createRisk } from "../src/risks";
import { createTestOrg } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

let org: TestOrg;
let other: TestOrg;

const fpr: PlanCheck = { id: "fpr-race", kind: "fairness", metric: "fpr", attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 } };

async function seedSystem(name: string, tier: "low" | "medium" | "high" | "critical") {
  const system = await createSystem(org.scientist, {
    name, purpose: "Scores cases.", intendedUse: "Decision support.", prohibitedUses: "Sentencing.", ownerIds: [org.scientist.userId], riskTier: tier, lifecycleStage: "pilot",
  });
  const version = await createModelVersion(org.scientist, system.id, { label: "v1", modelType: "classifier", provider: "in-house", artifactUri: "s3://models/v1" });
  const plan = await savePlanVersion(org.scientist, version.id, { checks: [fpr] });
  const dataset = await prisma.dataset.create({
    data: {
      orgId: org.org.id, modelVersionId: version.id, name: "predictions", fileName: "p.csv", format: "csv", contentSha256: "c".repeat(64),
      sizeBytes: 100n, rowCount: 10, columns: [] as Prisma.InputJsonValue, labelColumn: "y", predictionColumn: "p", positiveValue: "1",
      sensitiveColumns: ["race"], createdById: org.scientist.userId,
    },
  });
  const run = (status: RunStatus, passed: boolean | null, createdAt: Date) =>
    prisma.evaluationRun.create({
      data: {
        orgId: org.org.id, modelVersionId: version.id, datasetId: dataset.id, planVersionId: plan.id, kind: "fairness", status,
        datasetSha256: dataset.contentSha256, codeVersion: "test", config: {}, createdAt, createdById: org.scientist.userId,
        ...(status === "failed" ? { error: "Worker crashed." } : {}),
        ...(status === "succeeded" ? { finishedAt: createdAt, progress: 100 } : {}),
        ...(passed === null ? {} : { checkResults: { create: [{ checkId: fpr.id, passed, value: 1, summary: "s", details: {} }] } }),
      },
    });
  return { systemId: system.id, versionId: version.id, run };
}

let alpha: Awaited<ReturnType<typeof seedSystem>>;
let beta: Awaited<ReturnType<typeof seedSystem>>;
let gamma: Awaited<ReturnType<typeof seedSystem>>;
let alphaReviewId: string;
let betaReviewId: string;
let gammaReviewId: string;

beforeAll(async () => {
  org = await createTestOrg("dashboards");
  other = await createTestOrg("dashboards-other");
  // A second approver, so readiness names every holder of a role.
  const approver2 = await prisma.user.create({ data: { email: `approver2.${org.org.slug}@example.test`, name: "Second approver" } });
  await prisma.membership.create({ data: { orgId: org.org.id, userId: approver2.id, roles: ["approver", "auditor"] } });

  alpha = await seedSystem("Alpha", "high");
  beta = await seedSystem("Beta", "medium");
  gamma = await seedSystem("Gamma", "medium");
  await seedSystem("Delta (no runs)", "critical");

  // Alpha: an older passing run, then a failing one (latest) → failing.
  await alpha.run("succeeded", true, new Date("2030-01-01T00:00:00Z"));
  await alpha.run("succeeded", false, new Date("2030-01-02T00:00:00Z"));
  // Beta: latest run passes.
  await beta.run("failed", null, new Date("2030-01-01T00:00:00Z"));
  await beta.run("succeeded", true, new Date("2030-01-03T00:00:00Z"));
  // Gamma: latest run failed as a job → failing.
  await gamma.run("failed", null, new Date("2030-01-04T00:00:00Z"));

  const risk = (systemId: string, likelihood: number, impact: number, status: "open" | "mitigating" | "closed" = "open") =>
    createRisk(org.scientist, { systemId, statement: `Risk ${likelihood}×${impact} ${status}`, likelihood, impact, status });
  await risk(alpha.systemId, 3, 4); // high
  await risk(alpha.systemId, 5, 5, "mitigating"); // critical
  await risk(alpha.systemId, 1, 1); // low
  await risk(alpha.systemId, 5, 5, "closed"); // closed: not counted
  await risk(beta.systemId, 3, 3); // medium
  await risk(gamma.systemId, 4, 4, "closed");

  alphaReviewId = (await openReview(org.product_owner, { modelVersionId: alpha.versionId, title: "Alpha release" })).id;
  betaReviewId = (await openReview(org.product_owner, { modelVersionId: beta.versionId, title: "Beta release" })).id;
  await signOff(org.scientist, betaReviewId, { role: "scientist" });
  gammaReviewId = (await openReview(org.product_owner, { modelVersionId: gamma.versionId, title: "Gamma release" })).id;
  await recordRecommendation(org.scientist, gammaReviewId, { outcome: "no_go", rationale: "The latest run did not complete; there is no evidence to release on." });
  await decide(org.product_owner, gammaReviewId, { outcome: "no_go", rationale: "The latest run did not complete." });
});

describe("portfolio", () => {
  it("lists every system with its latest run, open risks by severity and review state, and sums them up", async () => {
    const portfolio = await getPortfolio(org.auditor);
    expect(portfolio.summary).toEqual({ systems: 4, openHighCriticalRisks: 2, openReviews: 2, runsFailing: 2 });
    expect(portfolio.systems.map((s) => s.name)).toEqual(["Alpha", "Beta", "Delta (no runs)", "Gamma"]);
    const [a, b, d, g] = portfolio.systems;

    expect(a).toMatchObject({ riskTier: "high", versionCount: 1, openRisks: { low: 1, medium: 0, high: 1, critical: 1 }, openRiskTotal: 3 });
    expect(a?.latestRun).toMatchObject({ status: "succeeded", failedChecks: 1, checkCount: 1, failing: true, version: { label: "v1" } });
    expect(a?.latestReview).toMatchObject({ id: alphaReviewId, status: "open", outcome: null });

    expect(b?.latestRun).toMatchObject({ status: "succeeded", failedChecks: 0, failing: false });
    expect(b?.openRisks).toEqual({ low: 0, medium: 1, high: 0, critical: 0 });
    expect(b?.latestReview).toMatchObject({ id: betaReviewId, status: "open" });

    expect(d).toMatchObject({ latestRun: null, latestReview: null, openRiskTotal: 0 });

    expect(g?.latestRun).toMatchObject({ status: "failed", failing: true });
    expect(g?.openRiskTotal).toBe(0);
    expect(g?.latestReview).toMatchObject({ id: gammaReviewId, status: "decided", outcome: "no_go" });
  });

  it("shows another organisation nothing of this one", async () => {
    const portfolio = await getPortfolio(other.admin);
    expect(portfolio.summary).toEqual({ systems: 0, openHighCriticalRisks: 0, openReviews: 0, runsFailing: 0 });
  });
});

describe("release readiness", () => {
  it("lists open reviews, most blocked first, with their blockers and who still has to sign", async () => {
    const readiness = await getReadiness(org.product_owner);
    expect(readiness.reviews.map((r) => r.reviewId)).toEqual([alphaReviewId, betaReviewId]);
    const [alphaEntry, betaEntry] = readiness.reviews;

    // Alpha (high tier): failing fairness evaluation and check, no safety evaluation, blocking risks, three missing sign-offs.
    expect(alphaEntry).toMatchObject({ title: "Alpha release", system: { name: "Alpha" }, version: { label: "v1" }, owner: { id: org.product_owner.userId }, ageDays: 0, cleared: false });
    expect(alphaEntry?.blockerCount).toBe(7);
    expect(alphaEntry?.blockers.map((b) => b.key)).toEqual(["evaluation:fairness", "evaluation:safety", "check:fpr-race", "risks", "signoff:scientist", "signoff:product_owner", "signoff:approver"]);
    const approvers = alphaEntry?.awaitingSignoff.find((a) => a.role === "approver");
    expect(approvers?.holders.map((h) => h.name).sort()).toEqual([`approver ${org.org.slug}`, "Second approver"].sort());
    expect(alphaEntry?.awaitingSignoff.map((a) => a.role)).toEqual(["scientist", "product_owner", "approver"]);

    // Beta (medium tier: fairness, scientist and product owner): everything passes; only the product owner's sign-off is missing.
    expect(betaEntry).toMatchObject({ blockerCount: 1, cleared: false });
    expect(betaEntry?.awaitingSignoff).toEqual([{ role: "product_owner", holders: [{ id: org.product_owner.userId, name: `product_owner ${org.org.slug}` }] }]);

    expect(readiness.summary).toEqual({ openReviews: 2, blocked: 2, cleared: 0, awaitingSignoffs: 4 });
  });

  it("is readable by the auditor and empty for another organisation", async () => {
    expect((await getReadiness(org.auditor)).reviews).toHaveLength(2);
    expect((await getReadiness(other.auditor)).reviews).toEqual([]);
    const error = await getReadiness({ userId: org.auditor.userId, orgId: org.org.id, roles: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).status).toBe(403);
  });
});
