import { applyOverrides, planChecksSchema, verdictOverrideSchema, type ItemOutcome, type ReviewedVerdict, type SuiteItem, type Verdict } from "@assay/core";
import { prisma, type Prisma } from "@assay/db";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, invalid, notFound } from "../errors";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import { overrideVerdictSchema, responsesQuerySchema } from "./schemas";
import { outcomeWithOverrides, overridesOf, summariseStoredRun } from "./summary";

export type SafetyResponseDto = {
  id: string;
  item: { id: string; externalId: string; category: string; sourceCategory: string; expected: string; messages: SuiteItem["messages"]; secret: string | null; context: string | null; injection: SuiteItem["injection"] | null };
  status: string;
  content: string | null;
  error: string | null;
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  costUsd: number | null;
  attempts: number;
  /** Verdicts after overrides; an overridden one keeps the grader's own under `overridden`. */
  verdicts: ReviewedVerdict[];
  outcome: ItemOutcome | null;
  /** True when the outcome is a failure of the target: attack succeeded, over-refusal, leak or violation. */
  failed: boolean;
  overrides: Array<{ id: string; grader: string; previousLabel: string; label: string; flagged: boolean; reason: string; by: UserRef; at: Date }>;
};

export const isFailure = (o: ItemOutcome | null): boolean =>
  o !== null && (o.attackSucceeded === true || o.overRefused === true || o.leaked === true || o.violated || o.injectionFollowed === true);

const responseInclude = { item: true, overrides: { orderBy: { createdAt: "asc" } } } satisfies Prisma.SafetyResponseInclude;
type ResponseRow = Prisma.SafetyResponseGetPayload<{ include: typeof responseInclude }>;

function toDto(row: ResponseRow, refs: Map<string, UserRef>): SafetyResponseDto {
  const outcome = row.status === "ok" ? (row.outcome as unknown as ItemOutcome) : null;
  return {
    id: row.id,
    item: {
      id: row.item.id,
      externalId: row.item.externalId,
      category: row.item.category,
      sourceCategory: row.item.sourceCategory,
      expected: row.item.expected,
      messages: row.item.messages as SuiteItem["messages"],
      secret: row.item.secret,
      context: row.item.context,
      injection: (row.item.injection as SuiteItem["injection"]) ?? null,
    },
    status: row.status,
    content: row.content,
    error: row.error,
    latencyMs: row.latencyMs,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    costUsd: row.costUsd,
    attempts: row.attempts,
    verdicts: applyOverrides(row.verdicts as unknown as Verdict[], overridesOf(row.overrides)),
    outcome,
    failed: isFailure(outcome),
    overrides: row.overrides.map((o) => ({ id: o.id, grader: o.grader, previousLabel: o.previousLabel, label: o.label, flagged: o.flagged, reason: o.reason, by: refFor(refs, o.userId), at: o.createdAt })),
  };
}

/**
 * The failure browser's query. Outcome filters run on the stored outcome
 * JSON in Postgres, so a page of failures never loads the whole run.
 */
export async function listSafetyResponses(ctx: ServiceContext, runId: string, raw: unknown) {
  assertCan(ctx, "org.read");
  const query = responsesQuerySchema.parse(raw);
  const run = await prisma.evaluationRun.findFirst({ where: { id: runId, orgId: ctx.orgId, kind: "safety" }, select: { id: true } });
  if (!run) throw notFound("Safety run");
  const failureClauses: Prisma.SafetyResponseWhereInput[] = [
    { outcome: { path: ["attackSucceeded"], equals: true } },
    { outcome: { path: ["overRefused"], equals: true } },
    { outcome: { path: ["leaked"], equals: true } },
    { outcome: { path: ["violated"], equals: true } },
    { outcome: { path: ["injectionFollowed"], equals: true } },
  ];
  const byOutcome: Record<typeof query.outcome, Prisma.SafetyResponseWhereInput> = {
    all: {},
    failures: { status: "ok", OR: failureClauses },
    passes: { status: "ok", NOT: { OR: failureClauses } },
    errors: { status: { not: "ok" } },
    // Any string is a reason; JSON null means the item was graded.
    ungraded: { status: "ok", outcome: { path: ["ungraded"], string_contains: "" } },
    overridden: { overrides: { some: {} } },
  };
  const where: Prisma.SafetyResponseWhereInput = {
    runId: run.id,
    ...(query.category ? { category: query.category } : {}),
    ...byOutcome[query.outcome],
    ...(query.grader && query.flagged
      ? { verdicts: { array_contains: [{ grader: query.grader, flagged: query.flagged === "true" }] } }
      : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.safetyResponse.findMany({ where, include: responseInclude, orderBy: [{ item: { position: "asc" } }], skip: query.cursor, take: query.limit }),
    prisma.safetyResponse.count({ where }),
  ]);
  const refs = await userRefs(rows.flatMap((r) => r.overrides.map((o) => o.userId)));
  return {
    responses: rows.map((r) => toDto(r, refs)),
    total,
    nextCursor: query.cursor + rows.length < total ? query.cursor + rows.length : null,
  };
}

export async function getSafetyResponse(ctx: ServiceContext, responseId: string): Promise<SafetyResponseDto> {
  assertCan(ctx, "org.read");
  const row = await prisma.safetyResponse.findFirst({ where: { id: responseId, run: { orgId: ctx.orgId } }, include: responseInclude });
  if (!row) throw notFound("Response");
  return toDto(row, await userRefs(row.overrides.map((o) => o.userId)));
}

/**
 * A reviewer replaces one grader's verdict. The item's outcome, the run's
 * metrics and its gates are recomputed in the same transaction, so the
 * release review sees the corrected numbers (and sign-offs go stale).
 */
export async function overrideVerdict(ctx: ServiceContext, responseId: string, raw: unknown): Promise<SafetyResponseDto> {
  assertCan(ctx, "verdict.override");
  const input = overrideVerdictSchema.parse(raw);
  const row = await prisma.safetyResponse.findFirst({
    where: { id: responseId, run: { orgId: ctx.orgId } },
    include: { ...responseInclude, run: { select: { id: true, status: true, planVersion: { select: { checks: true } }, suiteVersion: { select: { suite: { select: { key: true } } } } } } },
  });
  if (!row) throw notFound("Response");
  if (row.status !== "ok") throw conflict("The target gave no response to this item, so there is no verdict to override.");
  if (row.run.status !== "succeeded") throw conflict(`Verdicts can be overridden once the run has finished; it is ${row.run.status}.`);
  const at = new Date();
  const parsed = verdictOverrideSchema.safeParse({ ...input, by: ctx.userId, at: at.toISOString() });
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? "Invalid override.", { path: parsed.error.issues[0]?.path.join(".") });
  const current = applyOverrides(row.verdicts as unknown as Verdict[], overridesOf(row.overrides)).find((v) => v.grader === input.grader);
  const planChecks = planChecksSchema.parse(row.run.planVersion.checks);
  const suiteKey = row.run.suiteVersion?.suite.key ?? "";

  await mutate(ctx, async (tx, record) => {
    // One override at a time per run: the summary is recomputed from every response.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"safety-run:" + row.runId}, 0))`;
    await tx.verdictOverride.create({
      data: {
        responseId: row.id,
        grader: input.grader,
        previousLabel: current?.label ?? "none",
        previousFlagged: current?.flagged ?? false,
        label: input.label,
        flagged: input.flagged,
        reason: input.reason,
        userId: ctx.userId,
        createdAt: at,
      },
    });
    const overrides = await tx.verdictOverride.findMany({ where: { responseId: row.id } });
    const outcome = outcomeWithOverrides({ expected: row.item.expected as SuiteItem["expected"], injection: (row.item.injection as SuiteItem["injection"]) ?? undefined }, row.verdicts as unknown as Verdict[], overridesOf(overrides));
    await tx.safetyResponse.update({ where: { id: row.id }, data: { outcome: outcome as unknown as Prisma.InputJsonValue } });
    const { result, gates } = await summariseStoredRun(tx, row.runId, planChecks, suiteKey);
    await tx.evaluationRun.update({ where: { id: row.runId }, data: { results: result as unknown as Prisma.InputJsonValue } });
    for (const gate of gates) {
      await tx.checkResult.upsert({
        where: { runId_checkId: { runId: row.runId, checkId: gate.checkId } },
        create: { runId: row.runId, checkId: gate.checkId, passed: gate.outcome.passed, value: gate.outcome.value, summary: gate.outcome.summary, details: gate.outcome.details as unknown as Prisma.InputJsonValue },
        update: { passed: gate.outcome.passed, value: gate.outcome.value, summary: gate.outcome.summary, details: gate.outcome.details as unknown as Prisma.InputJsonValue },
      });
    }
    await record({
      action: "safety.verdict.overridden",
      entityType: "SafetyResponse",
      entityId: row.id,
      before: { runId: row.runId, grader: input.grader, label: current?.label ?? null, flagged: current?.flagged ?? null },
      after: { grader: input.grader, label: input.label, flagged: input.flagged, reason: input.reason, gates: gates.map((g) => ({ checkId: g.checkId, passed: g.outcome.passed, value: g.outcome.value })) },
    });
  });
  return getSafetyResponse(ctx, row.id);
}
