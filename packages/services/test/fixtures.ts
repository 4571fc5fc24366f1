import type { Role } from "@assay/core";
import { prisma } from "@assay/db";
import { closeQueues, getQueue, QueueName } from "@assay/queue";
import { randomUUID } from "node:crypto";
import { afterAll, expect } from "vitest";
import type { ServiceContext } from "../src/context";
import { ServiceError } from "../src/errors";
import { createSystem } from "../src/registry";
import type { CreateSystemInput } from "../src/registry/schemas";

let counter = 0;

/**
 * A fresh organisation with one member per role, written straight to Postgres.
 * Each call makes a new tenant, so suites never see each other's rows.
 */
export async function createTestOrg(label = "org") {
  counter += 1;
  const tag = `${label}-${Date.now().toString(36)}-${counter}`;
  const org = await prisma.organization.create({ data: { name: `Test ${tag}`, slug: tag } });
  const roles: Role[] = ["admin", "scientist", "product_owner", "approver", "auditor"];
  const contexts = {} as Record<Role, ServiceContext>;
  for (const role of roles) {
    const user = await prisma.user.create({ data: { email: `${role}.${tag}@example.test`, name: `${role} ${tag}` } });
    await prisma.membership.create({ data: { orgId: org.id, userId: user.id, roles: [role] } });
    contexts[role] = { userId: user.id, orgId: org.id, roles: [role] };
  }
  return { org, ...contexts };
}

/** Awaits a service call that must fail with a ServiceError of this HTTP status, and returns the error. */
export async function expectStatus(promise: Promise<unknown>, status: number): Promise<ServiceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).status).toBe(status);
  return error as ServiceError;
}

/** Registers a system owned by the given scientist; fields can be overridden. */
export async function createTestSystem(scientist: ServiceContext, overrides: Partial<CreateSystemInput> = {}) {
  return createSystem(scientist, {
    name: "Loan approval model",
    purpose: "Ranks loan applications.",
    intendedUse: "Decision support for underwriters.",
    ownerIds: [scientist.userId],
    riskTier: "high",
    lifecycleStage: "pilot",
    ...overrides,
  });
}

/**
 * Gives the calling test file a queue of its own (a random prefix), so its
 * jobs neither meet another suite's worker nor linger in Redis afterwards.
 * Call at module level, before anything enqueues.
 */
export function useOwnQueue(label: string): void {
  const previous = process.env.ASSAY_QUEUE_PREFIX;
  process.env.ASSAY_QUEUE_PREFIX = `assay-test-${label}-${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    await getQueue(QueueName.Evaluation).obliterate({ force: true });
    await closeQueues();
    process.env.ASSAY_QUEUE_PREFIX = previous;
  });
}
