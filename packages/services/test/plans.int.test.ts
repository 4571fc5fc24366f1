import type { PlanCheck } from "@assay/core";
import { prisma } from "@assay/db";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { getPlan, savePlanVersion } from "../src/plans";
import { createModelVersion } from "../src/registry";
import { riskTierForRun } from "../src/runs/tier";
import { createTestOrg, createTestSystem, expectStatus } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

let org: TestOrg;
let other: TestOrg;
let systemId: string;
let versionCounter = 0;

beforeAll(async () => {
  org = await createTestOrg("plans");
  other = await createTestOrg("plans-other");
  const system = await createTestSystem(org.scientist, { name: "Recidivism risk scorer", purpose: "Pre-trial risk assessment.", intendedUse: "Decision support." });
  systemId = system.id;
});

async function newVersion() {
  versionCounter += 1;
  return createModelVersion(org.scientist, systemId, { label: `v${versionCounter}`, modelType: "classifier", provider: "in-house" });
}

const fprRace: PlanCheck = { id: "fpr-race", kind: "fairness", metric: "fpr", attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 } };
const fnrRace: PlanCheck = {
  id: "fnr-race",
  kind: "fairness",
  metric: "fnr",
  attribute: "race",
  band: { type: "difference", min: -0.1, max: 0.1 },
  referenceGroup: "Caucasian",
};


function planVersionCount(modelVersionId: string) {
  return prisma.evaluationPlanVersion.count({ where: { plan: { modelVersionId } } });
}

describe("evaluation plans", () => {
  it("start empty and grow by immutable versions, each audited with the previous and new checks", async () => {
    const version = await newVersion();
    expect(await getPlan(org.auditor, version.id)).toMatchObject({ planId: null, current: null, history: [], sensitiveAttributes: [] });

    const first = await savePlanVersion(org.scientist, version.id, { checks: [fprRace], note: "Initial plan", baseVersion: 0 });
    expect(first).toMatchObject({ version: 1, checks: [fprRace], note: "Initial plan", createdBy: { id: org.scientist.userId } });
    const firstRow = await prisma.evaluationPlanVersion.findUniqueOrThrow({ where: { id: first.id } });

    const second = await savePlanVersion(org.scientist, version.id, { checks: [fprRace, fnrRace], baseVersion: 1 });
    expect(second.version).toBe(2);

    const plan = await getPlan(org.product_owner, version.id);
    expect(plan.current).toMatchObject({ id: second.id, version: 2, checks: [fprRace, fnrRace], note: "" });
    expect(plan.history.map((v) => v.version)).toEqual([2, 1]);
    expect(plan.history[1]).toMatchObject({ id: first.id, checks: [fprRace], note: "Initial plan" });
    // Version 1 is untouched by the save of version 2.
    expect(await prisma.evaluationPlanVersion.findUniqueOrThrow({ where: { id: first.id } })).toEqual(firstRow);

    const events = await prisma.auditEvent.findMany({ where: { orgId: org.org.id, entityType: "EvaluationPlan", entityId: plan.planId! }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["plan.version_created", "plan.version_created"]);
    expect(events[0]).toMatchObject({ actorId: org.scientist.userId, before: null });
    expect(events[0]?.after).toMatchObject({ version: 1, planVersionId: first.id, checks: [fprRace] });
    expect(events[1]?.before).toMatchObject({ version: 1, checks: [fprRace] });
    expect(events[1]?.after).toMatchObject({ version: 2, checks: [fprRace, fnrRace] });
    expect(events[1]!.seq).toBeGreaterThan(events[0]!.seq);
  });

  it("rejects invalid checks and stores nothing", async () => {
    const version = await newVersion();
    const inverted = { ...fprRace, band: { type: "ratio", min: 1.25, max: 0.8 } };
    await expect(savePlanVersion(org.scientist, version.id, { checks: [inverted] })).rejects.toBeInstanceOf(ZodError);
    await expect(savePlanVersion(org.scientist, version.id, { checks: [] })).rejects.toBeInstanceOf(ZodError);
    await expect(savePlanVersion(org.scientist, version.id, { checks: [fprRace, { ...fnrRace, id: "fpr-race" }] })).rejects.toBeInstanceOf(ZodError);
    await expect(savePlanVersion(org.scientist, version.id, { checks: [{ ...fprRace, metric: "auc" }] })).rejects.toBeInstanceOf(ZodError);
    expect(await prisma.evaluationPlan.count({ where: { modelVersionId: version.id } })).toBe(0);

    await savePlanVersion(org.scientist, version.id, { checks: [fprRace] });
    await expect(savePlanVersion(org.scientist, version.id, { checks: [fprRace, inverted] })).rejects.toBeInstanceOf(ZodError);
    expect(await planVersionCount(version.id)).toBe(1);
  });

  it("saves checks with per-tier bands and returns them unchanged; refuses an inverted tier band", async () => {
    const version = await newVersion();
    const tiered: PlanCheck = {
      ...fprRace,
      bandsByTier: { high: { type: "ratio", min: 0.9, max: 1.1 }, critical: { type: "ratio", min: 0.95, max: 1.05 } },
    };
    const inverted = { ...fprRace, bandsByTier: { high: { type: "ratio", min: 1.1, max: 0.9 } } };
    await expect(savePlanVersion(org.scientist, version.id, { checks: [inverted] })).rejects.toBeInstanceOf(ZodError);

    const saved = await savePlanVersion(org.scientist, version.id, { checks: [tiered, fnrRace], baseVersion: 0 });
    expect(saved.checks).toEqual([tiered, fnrRace]);
    expect((await getPlan(org.auditor, version.id)).current?.checks).toEqual([tiered, fnrRace]);
    // Adding a tier band alone is a change worth a new version.
    const looser = await savePlanVersion(org.scientist, version.id, { checks: [{ ...tiered, bandsByTier: { high: tiered.bandsByTier!.high! } }, fnrRace] });
    expect(looser.version).toBe(2);
  });

  it("riskTierForRun reads the tier of the run's system", async () => {
    const version = await newVersion();
    const plan = await savePlanVersion(org.scientist, version.id, { checks: [fprRace] });
    const dataset = await prisma.dataset.create({
      data: {
        orgId: org.org.id, modelVersionId: version.id, name: "Tier set", fileName: "tier.csv", format: "csv", contentSha256: "b".repeat(64),
        sizeBytes: 10n, rowCount: 1, columns: ["label", "prediction", "race"], labelColumn: "label", predictionColumn: "prediction",
        positiveValue: "1", sensitiveColumns: ["race"], createdById: org.scientist.userId,
      },
    });
    const run = await prisma.evaluationRun.create({
      data: {
        orgId: org.org.id, modelVersionId: version.id, datasetId: dataset.id, planVersionId: plan.id, kind: "fairness",
        datasetSha256: dataset.contentSha256, codeVersion: "test", config: {}, createdById: org.scientist.userId,
      },
    });
    const { riskTier } = await prisma.aiSystem.findUniqueOrThrow({ where: { id: systemId }, select: { riskTier: true } });
    expect(await riskTierForRun(run.id)).toBe(riskTier);
    await prisma.aiSystem.update({ where: { id: systemId }, data: { riskTier: "critical" } });
    try {
      expect(await riskTierForRun(run.id)).toBe("critical");
    } finally {
      await prisma.aiSystem.update({ where: { id: systemId }, data: { riskTier } });
    }
    await expect(riskTierForRun("no-such-run")).rejects.toThrow();
  });

  it("refuses a save based on an outdated version, and a save that changes nothing", async () => {
    const version = await newVersion();
    await savePlanVersion(org.scientist, version.id, { checks: [fprRace], baseVersion: 0 });
    await savePlanVersion(org.scientist, version.id, { checks: [fnrRace], baseVersion: 1 });
    const stale = await expectStatus(savePlanVersion(org.scientist, version.id, { checks: [fprRace, fnrRace], baseVersion: 1 }), 409);
    expect(stale.message).toContain("version 2");
    await expectStatus(savePlanVersion(org.scientist, version.id, { checks: [fnrRace], note: "same checks" }), 422);
    expect(await planVersionCount(version.id)).toBe(2);
  });

  it("numbers concurrent saves one after another, without losing any", async () => {
    const version = await newVersion();
    const bands = [0.7, 0.75, 0.8];
    const saved = await Promise.all(
      bands.map((min) => savePlanVersion(org.scientist, version.id, { checks: [{ ...fprRace, band: { type: "ratio", min, max: 1.25 } }] })),
    );
    expect(saved.map((v) => v.version).sort()).toEqual([1, 2, 3]);
    expect(await prisma.evaluationPlan.count({ where: { modelVersionId: version.id } })).toBe(1);
  });

  it("once data exists, only accepts attributes that a dataset marks as sensitive", async () => {
    const version = await newVersion();
    await prisma.dataset.create({
      data: {
        orgId: org.org.id,
        modelVersionId: version.id,
        name: "Validation set",
        fileName: "validation.csv",
        format: "csv",
        contentSha256: "a".repeat(64),
        sizeBytes: 1024n,
        rowCount: 10,
        columns: ["label", "prediction", "race", "sex"],
        labelColumn: "label",
        predictionColumn: "prediction",
        positiveValue: "1",
        sensitiveColumns: ["sex", "race"],
        createdById: org.scientist.userId,
      },
    });
    expect((await getPlan(org.auditor, version.id)).sensitiveAttributes).toEqual(["race", "sex"]);

    const error = await expectStatus(savePlanVersion(org.scientist, version.id, { checks: [fprRace, { ...fnrRace, attribute: "zip" }] }), 400);
    expect(error.message).toContain("zip");
    expect(error.details).toMatchObject({ unknownAttributes: [{ checkId: "fnr-race", attribute: "zip" }] });
    expect(await planVersionCount(version.id)).toBe(0);

    const saved = await savePlanVersion(org.scientist, version.id, { checks: [fprRace, { ...fnrRace, attribute: "sex" }] });
    expect(saved.version).toBe(1);
  });

  it("lets only plan writers save, and hides other organisations' plans", async () => {
    const version = await newVersion();
    await savePlanVersion(org.scientist, version.id, { checks: [fprRace] });
    for (const ctx of [org.auditor, org.product_owner, org.approver, org.admin]) {
      await expectStatus(savePlanVersion(ctx, version.id, { checks: [fnrRace] }), 403);
    }
    expect((await getPlan(org.auditor, version.id)).current?.version).toBe(1);

    await expectStatus(getPlan(other.auditor, version.id), 404);
    await expectStatus(savePlanVersion(other.scientist, version.id, { checks: [fnrRace] }), 404);
    expect(await planVersionCount(version.id)).toBe(1);
  });
});
