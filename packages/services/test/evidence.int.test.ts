import { auditEventHash, hashCanonical, sha256Hex, verifyAuditSegment, type AuditSegment, type FairnessCheck, type PlanCheck, type StoredAuditEvent } from "@assay/core";
import { prisma, type Prisma } from "@assay/db";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { buildEvidencePack, PACK_GENERATED_ACTION, type Manifest } from "../src/evidence";
import { savePlanVersion } from "../src/plans";
import { createModelVersion } from "../src/registry";
import { decide, openReview, recordRecommendation, signOff } from "../src/reviews";
import { createRisk, updateRisk } from "../src/risks";
import { createTestOrg, createTestSystem, expectStatus } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

let org: TestOrg;
let other: TestOrg;
let seeded: { systemId: string; versionId: string; reviewId: string; runIds: string[]; datasetId: string; riskId: string };

const decoder = new TextDecoder();
const readJson = (files: Record<string, Uint8Array>, path: string): unknown => JSON.parse(decoder.decode(files[path]));


const check = (id: string, metric: FairnessCheck["metric"]): PlanCheck => ({
  id, kind: "fairness", metric, attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 },
});

beforeAll(async () => {
  org = await createTestOrg("evidence");
  other = await createTestOrg("evidence-other");
  const system = await createTestSystem(org.scientist, { name: "Recidivism risk scorer (pack test)", purpose: "Scores re-offence risk.", intendedUse: "Decision support for pre-trial officers.", prohibitedUses: "Sentencing.", ownerIds: [org.product_owner.userId], riskTier: "medium", lifecycleStage: "pilot" });
  const version = await createModelVersion(org.scientist, system.id, { label: "v2.1", modelType: "classifier", provider: "in-house", commitSha: "abcdef1", artifactUri: "s3://models/recidivism/v2.1" });
  await savePlanVersion(org.scientist, version.id, { checks: [check("fpr-race", "fpr")] });
  const plan = await savePlanVersion(org.scientist, version.id, { checks: [check("fpr-race", "fpr"), check("fnr-race", "fnr")], note: "Add FNR." });
  // Datasets and runs are written by the upload service and the worker; here they are written directly.
  const dataset = await prisma.dataset.create({
    data: {
      orgId: org.org.id, modelVersionId: version.id, name: "compas predictions", fileName: "compas.csv", format: "csv", contentSha256: "c".repeat(64),
      sizeBytes: 123_456n, rowCount: 6172, columns: [{ name: "race" }, { name: "two_year_recid" }] as Prisma.InputJsonValue,
      labelColumn: "two_year_recid", predictionColumn: "score_high", positiveValue: "1", sensitiveColumns: ["race"], createdById: org.scientist.userId,
    },
  });
  const finishedAt = new Date("2025-03-01T10:00:00Z");
  const succeeded = await prisma.evaluationRun.create({
    data: {
      orgId: org.org.id, modelVersionId: version.id, datasetId: dataset.id, planVersionId: plan.id, kind: "fairness", status: "succeeded", progress: 100,
      datasetSha256: dataset.contentSha256, codeVersion: "test-1", config: { checks: ["fpr-race", "fnr-race"] },
      results: { rowCount: 6172, positiveValue: "1", attributes: [], checks: [] }, startedAt: finishedAt, finishedAt, createdById: org.scientist.userId,
      checkResults: {
        create: [
          { checkId: "fpr-race", passed: true, value: 1.1, summary: "Within the band.", details: {} },
          { checkId: "fnr-race", passed: true, value: 0.9, summary: "Within the band.", details: {} },
        ],
      },
    },
  });
  const failed = await prisma.evaluationRun.create({
    data: {
      orgId: org.org.id, modelVersionId: version.id, datasetId: dataset.id, planVersionId: plan.id, kind: "fairness", status: "failed", progress: 40,
      datasetSha256: dataset.contentSha256, codeVersion: "test-1", config: {}, error: "Column race missing in row 12.", createdById: org.scientist.userId,
    },
  });
  const risk = await createRisk(org.scientist, { systemId: system.id, statement: "Scores may drift for new districts.", likelihood: 2, impact: 2 });
  const review = await openReview(org.product_owner, { modelVersionId: version.id, title: "Release v2.1 to pilot courts" });
  await signOff(org.scientist, review.id, { role: "scientist", comment: "Results reproduced." });
  await signOff(org.product_owner, review.id, { role: "product_owner" });
  await recordRecommendation(org.scientist, review.id, { outcome: "go", rationale: "Both checks pass on the pilot data; no open high risk.", unknowns: "Districts outside the pilot are untested." });
  await decide(org.product_owner, review.id, { outcome: "go", rationale: "All checks pass and no blocking risk remains." });
  seeded = { systemId: system.id, versionId: version.id, reviewId: review.id, runIds: [succeeded.id, failed.id], datasetId: dataset.id, riskId: risk.id };
});

describe("the evidence pack", () => {
  it("is a zip of the listed files whose hashes match the manifest", async () => {
    const pack = await buildEvidencePack(org.product_owner, seeded.reviewId);
    expect(pack.fileName).toBe(`assay-evidence-recidivism-risk-scorer-pack-test-v2-1-${seeded.reviewId}.zip`);
    const files = unzipSync(pack.zip);

    const expected = [
      "audit-chain.json", "audit-events.json", "datasets.json", "decision-memo.md", "decision-memo.pdf", "decision.json", "exceptions.json", "incidents.json", "model-version.json", "plan.json", "review.json", "risks.json",
      ...seeded.runIds.map((id) => `runs/${id}.json`), `runs/${seeded.runIds[0]}-fairness-report.md`, `runs/${seeded.runIds[0]}-fairness-report.pdf`, "signoffs.json", "summary.md", "system.json",
    ].sort();
    expect(Object.keys(files).sort()).toEqual([...expected, "manifest.json"].sort());

    const manifest = readJson(files, "manifest.json") as Manifest;
    expect(manifest).toEqual(pack.manifest);
    expect(manifest.format).toBe("assay-evidence-pack/1");
    expect(manifest.reviewId).toBe(seeded.reviewId);
    expect(manifest.files.map((f) => f.path)).toEqual(expected);
    for (const entry of manifest.files) {
      expect(sha256Hex(files[entry.path]!), entry.path).toBe(entry.sha256);
      expect(files[entry.path]!.byteLength).toBe(entry.bytes);
    }
    expect(sha256Hex(files["manifest.json"]!)).toBe(pack.manifestSha256);
  });

  it("holds the records, with sign-offs bound to the evidence hash and checkable audit events", async () => {
    const files = unzipSync((await buildEvidencePack(org.auditor, seeded.reviewId)).zip);

    expect(readJson(files, "system.json")).toMatchObject({ id: seeded.systemId, riskTier: "medium", owners: [{ id: org.product_owner.userId }] });
    expect(readJson(files, "model-version.json")).toMatchObject({ id: seeded.versionId, label: "v2.1", commitSha: "abcdef1" });
    const plan = readJson(files, "plan.json") as { currentVersion: number; versions: Array<{ version: number; checks: PlanCheck[] }> };
    expect(plan.currentVersion).toBe(2);
    expect(plan.versions.map((v) => [v.version, v.checks.map((c) => c.id)])).toEqual([[1, ["fpr-race"]], [2, ["fpr-race", "fnr-race"]]]);
    expect(readJson(files, `runs/${seeded.runIds[0]}.json`)).toMatchObject({
      status: "succeeded", datasetSha256: "c".repeat(64), codeVersion: "test-1", planVersion: { version: 2 },
      checkResults: [{ checkId: "fnr-race", passed: true }, { checkId: "fpr-race", passed: true }],
    });
    expect(readJson(files, `runs/${seeded.runIds[1]}.json`)).toMatchObject({ status: "failed", error: "Column race missing in row 12." });
    // Only the succeeded run has a fairness assessment report.
    const report = decoder.decode(files[`runs/${seeded.runIds[0]}-fairness-report.md`]);
    expect(report).toContain("# Fairness assessment: Recidivism risk scorer (pack test) v2.1");
    expect(report).toContain("| `fpr-race` | pass | Within the band. |");
    expect(files[`runs/${seeded.runIds[1]}-fairness-report.md`]).toBeUndefined();
    expect(readJson(files, "datasets.json")).toEqual([expect.objectContaining({ id: seeded.datasetId, contentSha256: "c".repeat(64), sizeBytes: "123456", rowCount: 6172 })]);
    expect(readJson(files, "risks.json")).toEqual([expect.objectContaining({ id: seeded.riskId, severity: "low", status: "open" })]);

    const review = readJson(files, "review.json") as { evidenceHash: string; evidenceSnapshot: unknown; checklist: { cleared: boolean } };
    expect(hashCanonical(review.evidenceSnapshot)).toBe(review.evidenceHash);
    expect(review.checklist.cleared).toBe(true);
    const signoffs = readJson(files, "signoffs.json") as Array<{ role: string; stale: boolean; evidenceHash: string }>;
    expect(signoffs.map((s) => [s.role, s.stale, s.evidenceHash])).toEqual([
      ["scientist", false, review.evidenceHash],
      ["product_owner", false, review.evidenceHash],
    ]);
    expect(readJson(files, "decision.json")).toMatchObject({ outcome: "go", evidenceHash: review.evidenceHash, evidenceChanged: false });

    const audit = readJson(files, "audit-events.json") as { events: StoredAuditEvent[]; actors: Record<string, string> };
    const actions = audit.events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["system.created", "model_version.created", "plan.version_created", "risk.created", "review.created", "review.signed_off", "review.decided"]));
    expect(actions).not.toContain(PACK_GENERATED_ACTION);
    expect(audit.events.map((e) => e.seq)).toEqual([...audit.events.map((e) => e.seq)].sort((a, b) => a - b));
    // Anyone can recompute each event's hash from the pack alone.
    for (const e of audit.events) expect(auditEventHash(e, e.prevHash), `event ${e.seq}`).toBe(e.hash);
    expect(audit.actors[org.scientist.userId]).toMatch(/^scientist /);

    const summary = decoder.decode(files["summary.md"]);
    expect(summary).toContain("Recidivism risk scorer (pack test)");
    expect(summary).toMatch(/\| fnr-race \| False-negative rate ratio across race within \[0\.8, 1\.25\] \| PASS \|/);
    expect(summary).toContain("Go");
    expect(summary).toContain("All checks pass and no blocking risk remains.");
    expect(summary).toContain("## How to verify");
    expect(summary).toContain("sha256sum");

    // The decision memo carries the scientist's recommendation and what is not known, beside the owner's decision.
    const memo = decoder.decode(files["decision-memo.md"]);
    expect(memo).toContain("Both checks pass on the pilot data; no open high risk.");
    expect(memo).toContain("Districts outside the pilot are untested.");
    expect(memo).toContain("All checks pass and no blocking risk remains.");
    // The chain segment verifies offline and holds every event of audit-events.json.
    const segment = readJson(files, "audit-chain.json") as AuditSegment;
    expect(verifyAuditSegment(segment)).toMatchObject({ ok: true });
    const inSegment = new Set(segment.events.filter((e) => e.kind === "event").map((e) => e.seq));
    for (const e of audit.events) expect(inSegment.has(e.seq), `event ${e.seq}`).toBe(true);
  });

  it("is identical when rebuilt from unchanged data, whoever builds it, and each build is recorded", async () => {
    const before = await prisma.evidencePack.count({ where: { reviewId: seeded.reviewId } });
    const first = await buildEvidencePack(org.auditor, seeded.reviewId);
    const second = await buildEvidencePack(org.approver, seeded.reviewId);
    expect(second.manifest).toEqual(first.manifest);
    expect(second.manifestSha256).toBe(first.manifestSha256);
    expect(Buffer.from(second.zip).equals(Buffer.from(first.zip))).toBe(true);

    const rows = await prisma.evidencePack.findMany({ where: { reviewId: seeded.reviewId }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(before + 2);
    expect(rows.slice(-2).map((r) => [r.generatedById, r.manifestSha256])).toEqual([
      [org.auditor.userId, first.manifestSha256],
      [org.approver.userId, first.manifestSha256],
    ]);
    const events = await prisma.auditEvent.findMany({ where: { orgId: org.org.id, action: PACK_GENERATED_ACTION }, orderBy: { seq: "desc" }, take: 2 });
    expect(events.map((e) => [e.actorId, e.entityId])).toEqual([[org.approver.userId, seeded.reviewId], [org.auditor.userId, seeded.reviewId]]);
    expect(events[0]!.after).toMatchObject({ manifestSha256: first.manifestSha256 });
  });

  it("is downloadable by every role that reads, and not found from another organisation", async () => {
    for (const role of ["admin", "scientist", "product_owner", "approver", "auditor"] as const) {
      expect((await buildEvidencePack(org[role], seeded.reviewId)).zip.byteLength).toBeGreaterThan(0);
    }
    await expectStatus(buildEvidencePack(other.auditor, seeded.reviewId), 404);
    await expectStatus(buildEvidencePack(other.admin, seeded.reviewId), 404);
    await expectStatus(buildEvidencePack(org.auditor, "no-such-review"), 404);
    await expectStatus(buildEvidencePack({ ...org.auditor, roles: [] }, seeded.reviewId), 403);
  });

  it("changes when a risk changes, and then shows the sign-offs as stale", async () => {
    const before = await buildEvidencePack(org.auditor, seeded.reviewId);
    await updateRisk(org.scientist, seeded.riskId, { status: "mitigating" });
    const after = await buildEvidencePack(org.auditor, seeded.reviewId);
    expect(after.manifestSha256).not.toBe(before.manifestSha256);
    const hashOf = (m: Manifest, path: string) => m.files.find((f) => f.path === path)?.sha256;
    expect(hashOf(after.manifest, "risks.json")).not.toBe(hashOf(before.manifest, "risks.json"));
    expect(hashOf(after.manifest, "system.json")).toBe(hashOf(before.manifest, "system.json"));
    expect(hashOf(after.manifest, "model-version.json")).toBe(hashOf(before.manifest, "model-version.json"));

    const files = unzipSync(after.zip);
    expect(readJson(files, "risks.json")).toEqual([expect.objectContaining({ id: seeded.riskId, status: "mitigating" })]);
    const signoffs = readJson(files, "signoffs.json") as Array<{ stale: boolean }>;
    expect(signoffs.every((s) => s.stale)).toBe(true);
    expect(readJson(files, "decision.json")).toMatchObject({ evidenceChanged: true });
    expect(decoder.decode(files["summary.md"])).toContain("STALE (evidence changed since signing)");
    expect((readJson(files, "audit-events.json") as { events: Array<{ action: string }> }).events.map((e) => e.action)).toContain("risk.updated");
  });
});
