import { AUDIT_GENESIS_HASH, buildAuditSegment } from "@assay/core";
import { prisma } from "@assay/db";
import { createInvitation, listMembers, updateMemberRoles } from "@assay/services";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createTestOrg } from "../../services/test/fixtures";
import { runAuditVerify } from "../src/audit";

/**
 * `assay audit verify` against a real database whose audit rows were
 * tampered with behind the application's back (as a superuser, with the
 * append-only trigger switched off): it must name the first broken link for
 * an altered, a deleted and a reordered event.
 */

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

async function orgWithEvents(label: string) {
  const org = await createTestOrg(label);
  const approver = (await listMembers(org.admin)).find((m) => m.userId === org.approver.userId)!;
  await updateMemberRoles(org.admin, approver.membershipId, { roles: ["approver", "scientist"] });
  await createInvitation(org.admin, { email: `x.${Date.now()}@example.test`, roles: ["auditor"] });
  await updateMemberRoles(org.admin, approver.membershipId, { roles: ["approver"] });
  await createInvitation(org.admin, { email: `y.${Date.now()}@example.test`, roles: ["scientist"] });
  expect(await prisma.auditEvent.count({ where: { orgId: org.org.id } })).toBe(4);
  return org;
}

/** Runs SQL with the append-only trigger off; only a superuser can, which is the point. */
async function tamper(sql: string, ...params: unknown[]) {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
    await tx.$executeRawUnsafe(sql, ...params);
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
  });
}

afterEach(async () => {
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
});

describe("assay audit verify --org", () => {
  it("passes an untouched chain", async () => {
    const org = await orgWithEvents("cli-ok");
    const report = await runAuditVerify({ org: org.org.slug, format: "json" });
    expect(report.verdict).toMatchObject({ ok: true, checked: 4 });
  });

  it("names an altered event", async () => {
    const org = await orgWithEvents("cli-altered");
    await tamper(`UPDATE "AuditEvent" SET "after" = '{"roles":["admin"]}' WHERE "orgId" = $1 AND "seq" = 2`, org.org.id);
    const report = await runAuditVerify({ org: org.org.slug, format: "json" });
    expect(report.verdict).toMatchObject({ ok: false, brokenAtSeq: 2, reason: "altered", checked: 1 });
  });

  it("names a deleted event", async () => {
    const org = await orgWithEvents("cli-deleted");
    await tamper(`DELETE FROM "AuditEvent" WHERE "orgId" = $1 AND "seq" = 3`, org.org.id);
    const report = await runAuditVerify({ org: org.org.slug, format: "json" });
    expect(report.verdict).toMatchObject({ ok: false, brokenAtSeq: 3, reason: "missing_or_reordered" });
  });

  it("names reordered events", async () => {
    const org = await orgWithEvents("cli-reordered");
    // Swap the positions of events 2 and 3 (via a free seq, as the (orgId, seq) key is unique).
    await tamper(
      `UPDATE "AuditEvent" SET "seq" = CASE "seq" WHEN 2 THEN -3 WHEN 3 THEN -2 END WHERE "orgId" = $1 AND "seq" IN (2, 3);
       `,
      org.org.id,
    );
    await tamper(`UPDATE "AuditEvent" SET "seq" = -"seq" WHERE "orgId" = $1 AND "seq" < 0`, org.org.id);
    const report = await runAuditVerify({ org: org.org.slug, format: "json" });
    expect(report.verdict).toMatchObject({ ok: false, brokenAtSeq: 2, reason: "bad_link" });
  });

  it("exits 4 from the command line on a broken chain, and 0 on a segment that verifies offline", async () => {
    const org = await orgWithEvents("cli-exit");
    const rows = await prisma.auditEvent.findMany({ where: { orgId: org.org.id }, orderBy: { seq: "asc" } });
    const dir = mkdtempSync(path.join(os.tmpdir(), "assay-audit-"));
    const segmentFile = path.join(dir, "audit-chain.json");
    writeFileSync(segmentFile, JSON.stringify(buildAuditSegment(org.org.id, rows, AUDIT_GENESIS_HASH, (e) => e.seq % 2 === 0)));
    const ok = spawnSync(process.execPath, ["--import", "tsx", "packages/cli/src/main.ts", "audit", "verify", "--segment", segmentFile], { cwd: REPO_ROOT, encoding: "utf8", env: process.env });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^OK: .* 4 events verified/);

    await tamper(`DELETE FROM "AuditEvent" WHERE "orgId" = $1 AND "seq" = 2`, org.org.id);
    const broken = spawnSync(process.execPath, ["--import", "tsx", "packages/cli/src/main.ts", "audit", "verify", "--org", org.org.slug], { cwd: REPO_ROOT, encoding: "utf8", env: process.env });
    expect(broken.status).toBe(4);
    expect(broken.stdout).toMatch(/BROKEN: organisation .*: first broken link at event #2/);
  });
});
