import { prisma } from "@assay/db";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { ServiceError } from "../src/errors";
import {
  createModelVersion,
  createSystem,
  getModelVersion,
  getSystem,
  listModelVersions,
  listSystems,
  updateSystem,
} from "../src/registry";
import { createTestOrg, expectStatus } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

let org: TestOrg;
let other: TestOrg;
let counter = 0;

beforeAll(async () => {
  org = await createTestOrg("registry");
  other = await createTestOrg("registry-other");
});

function systemInput(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    name: `Credit scorer ${counter}`,
    purpose: "Scores loan applications for default risk.",
    intendedUse: "Decision support for underwriters.",
    prohibitedUses: "Fully automated rejection.",
    ownerIds: [org.product_owner.userId, org.scientist.userId],
    riskTier: "high",
    lifecycleStage: "prototype",
    ...overrides,
  };
}


function eventsFor(orgId: string, entityId: string) {
  return prisma.auditEvent.findMany({ where: { orgId, entityId }, orderBy: { seq: "asc" } });
}

describe("AI systems", () => {
  it("are registered by a scientist, readable by every member, and the creation is audited", async () => {
    const input = systemInput();
    const created = await createSystem(org.scientist, input);
    expect(created).toMatchObject({ name: input.name, riskTier: "high", lifecycleStage: "prototype", createdById: org.scientist.userId });

    const listed = (await listSystems(org.auditor)).find((s) => s.id === created.id);
    expect(listed).toMatchObject({ versionCount: 0, latestVersion: null });
    expect(listed?.owners.map((o) => o.name).sort()).toEqual(
      [`product_owner ${org.org.slug}`, `scientist ${org.org.slug}`].sort(),
    );

    const detail = await getSystem(org.approver, created.id);
    expect(detail).toMatchObject({ purpose: input.purpose, intendedUse: input.intendedUse, prohibitedUses: input.prohibitedUses, versions: [] });
    expect(detail.createdBy.id).toBe(org.scientist.userId);

    const [event, ...rest] = await eventsFor(org.org.id, created.id);
    expect(rest).toHaveLength(0);
    expect(event).toMatchObject({ action: "system.created", entityType: "AiSystem", actorId: org.scientist.userId, before: null });
    expect(event?.after).toMatchObject({ name: input.name, riskTier: "high", ownerIds: input.ownerIds });
  });

  it("records only the changed fields of an update, before and after, on the organisation's hash chain", async () => {
    const created = await createSystem(org.scientist, systemInput());
    const updated = await updateSystem(org.scientist, created.id, { riskTier: "critical", purpose: "Scores applications.", name: created.name });
    expect(updated).toMatchObject({ riskTier: "critical", purpose: "Scores applications.", name: created.name });
    expect((await getSystem(org.auditor, created.id)).riskTier).toBe("critical");

    const events = await eventsFor(org.org.id, created.id);
    expect(events.map((e) => e.action)).toEqual(["system.created", "system.updated"]);
    const [createdEvent, updatedEvent] = events;
    expect(updatedEvent?.before).toEqual({ purpose: "Scores loan applications for default risk.", riskTier: "high" });
    expect(updatedEvent?.after).toEqual({ purpose: "Scores applications.", riskTier: "critical" });
    expect(updatedEvent!.seq).toBeGreaterThan(createdEvent!.seq);
    const predecessor = await prisma.auditEvent.findUniqueOrThrow({ where: { orgId_seq: { orgId: org.org.id, seq: updatedEvent!.seq - 1 } } });
    expect(updatedEvent!.prevHash).toBe(predecessor.hash);

    // Sending the same values again is not a change and leaves no trace.
    await updateSystem(org.scientist, created.id, { riskTier: "critical" });
    expect(await eventsFor(org.org.id, created.id)).toHaveLength(2);
  });

  it("keeps names unique per organisation, regardless of case", async () => {
    const input = systemInput();
    const first = await createSystem(org.scientist, input);
    const dup = await expectStatus(createSystem(org.scientist, { ...input }), 409);
    expect(dup.message).toContain(input.name);
    await expectStatus(createSystem(org.scientist, { ...input, name: input.name.toUpperCase() }), 409);
    expect(await prisma.aiSystem.count({ where: { orgId: org.org.id, name: { equals: input.name, mode: "insensitive" } } })).toBe(1);

    const second = await createSystem(org.scientist, systemInput());
    await expectStatus(updateSystem(org.scientist, second.id, { name: input.name }), 409);
    expect((await getSystem(org.scientist, first.id)).name).toBe(input.name);

    // Another tenant may use the same name.
    await createSystem(other.scientist, { ...input, ownerIds: [other.scientist.userId] });
  });

  it("lets exactly one of two simultaneous registrations of a name through", async () => {
    const input = systemInput();
    const results = await Promise.allSettled([createSystem(org.scientist, input), createSystem(org.scientist, { ...input })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.reason).toBeInstanceOf(ServiceError);
    expect((rejected?.reason as ServiceError).status).toBe(409);
  });

  it("requires owners who are members of the organisation and valid enumerations", async () => {
    const before = await prisma.aiSystem.count({ where: { orgId: org.org.id } });
    const error = await expectStatus(createSystem(org.scientist, systemInput({ ownerIds: [org.scientist.userId, other.scientist.userId] })), 400);
    expect(error.details).toMatchObject({ unknownOwnerIds: [other.scientist.userId] });
    const existing = await createSystem(org.scientist, systemInput());
    await expectStatus(updateSystem(org.scientist, existing.id, { ownerIds: [other.admin.userId] }), 400);

    await expect(createSystem(org.scientist, systemInput({ riskTier: "extreme" }))).rejects.toBeInstanceOf(ZodError);
    await expect(createSystem(org.scientist, systemInput({ lifecycleStage: "beta" }))).rejects.toBeInstanceOf(ZodError);
    await expect(createSystem(org.scientist, systemInput({ ownerIds: [] }))).rejects.toBeInstanceOf(ZodError);
    await expect(updateSystem(org.scientist, existing.id, {})).rejects.toBeInstanceOf(ZodError);
    expect(await prisma.aiSystem.count({ where: { orgId: org.org.id } })).toBe(before + 1);
  });

  it("refuses changes from roles without the write permission, and writes nothing", async () => {
    const system = await createSystem(org.scientist, systemInput());
    const auditCount = await prisma.auditEvent.count({ where: { orgId: org.org.id } });
    for (const ctx of [org.auditor, org.product_owner, org.approver, org.admin]) {
      await expectStatus(createSystem(ctx, systemInput()), 403);
      await expectStatus(updateSystem(ctx, system.id, { riskTier: "low" }), 403);
      await expectStatus(createModelVersion(ctx, system.id, { label: "v-denied", modelType: "classifier", provider: "in-house" }), 403);
    }
    expect(await prisma.auditEvent.count({ where: { orgId: org.org.id } })).toBe(auditCount);
    expect((await getSystem(org.auditor, system.id)).riskTier).toBe("high");
    expect(await prisma.modelVersion.count({ where: { systemId: system.id } })).toBe(0);
  });

  it("answers 404 for another organisation's system and its versions", async () => {
    const system = await createSystem(org.scientist, systemInput());
    const version = await createModelVersion(org.scientist, system.id, { label: "1.0", modelType: "classifier", provider: "in-house" });
    await expectStatus(getSystem(other.scientist, system.id), 404);
    await expectStatus(getSystem(other.auditor, system.id), 404);
    await expectStatus(updateSystem(other.scientist, system.id, { riskTier: "low" }), 404);
    await expectStatus(listModelVersions(other.scientist, system.id), 404);
    await expectStatus(createModelVersion(other.scientist, system.id, { label: "2.0", modelType: "classifier", provider: "in-house" }), 404);
    await expectStatus(getModelVersion(other.scientist, version.id), 404);
    expect((await listSystems(other.auditor)).some((s) => s.id === system.id)).toBe(false);
    expect(await prisma.modelVersion.count({ where: { systemId: system.id } })).toBe(1);
  });
});

describe("model versions", () => {
  it("are added to a system, listed newest first, and audited", async () => {
    const system = await createSystem(org.scientist, systemInput({ riskTier: "medium" }));
    const v1 = await createModelVersion(org.scientist, system.id, {
      label: "2024.1",
      modelType: "classifier",
      provider: "in-house",
      artifactUri: "s3://models/credit/2024.1",
      commitSha: "ABCDEF1234567",
    });
    expect(v1).toMatchObject({ systemId: system.id, commitSha: "abcdef1234567", createdById: org.scientist.userId });
    const v2 = await createModelVersion(org.scientist, system.id, { label: "2024.2", modelType: "llm", provider: "Vendor" });
    expect(v2).toMatchObject({ artifactUri: "", commitSha: "" });

    expect((await listModelVersions(org.auditor, system.id)).map((v) => v.label)).toEqual(["2024.2", "2024.1"]);
    expect((await getSystem(org.auditor, system.id)).versions.map((v) => v.id)).toEqual([v2.id, v1.id]);
    const summary = (await listSystems(org.product_owner)).find((s) => s.id === system.id);
    expect(summary).toMatchObject({ versionCount: 2, latestVersion: { id: v2.id, label: "2024.2" } });

    const detail = await getModelVersion(org.auditor, v1.id);
    expect(detail).toMatchObject({ label: "2024.1", provider: "in-house", system: { id: system.id, name: system.name, riskTier: "medium" } });
    expect(detail.createdBy.id).toBe(org.scientist.userId);

    const [event] = await eventsFor(org.org.id, v1.id);
    expect(event).toMatchObject({ action: "model_version.created", entityType: "ModelVersion", actorId: org.scientist.userId });
    expect(event?.after).toMatchObject({ label: "2024.1", systemId: system.id, artifactUri: "s3://models/credit/2024.1" });
  });

  it("keeps labels unique per system and validates the input", async () => {
    const system = await createSystem(org.scientist, systemInput());
    const another = await createSystem(org.scientist, systemInput());
    await createModelVersion(org.scientist, system.id, { label: "1.0", modelType: "classifier", provider: "in-house" });
    const dup = await expectStatus(createModelVersion(org.scientist, system.id, { label: "1.0", modelType: "other", provider: "x" }), 409);
    expect(dup.message).toContain("1.0");
    await createModelVersion(org.scientist, another.id, { label: "1.0", modelType: "classifier", provider: "in-house" });

    await expect(createModelVersion(org.scientist, system.id, { label: "2.0", modelType: "regressor", provider: "x" })).rejects.toBeInstanceOf(ZodError);
    await expect(createModelVersion(org.scientist, system.id, { label: "2.0", modelType: "llm", provider: "x", commitSha: "not-a-sha" })).rejects.toBeInstanceOf(ZodError);
    await expect(createModelVersion(org.scientist, system.id, { label: " ", modelType: "llm", provider: "x" })).rejects.toBeInstanceOf(ZodError);
    expect(await prisma.modelVersion.count({ where: { systemId: system.id } })).toBe(1);
  });
});
