import { policyRulesSchema, severityFor, suiteItemSchema, wilsonInterval, type SuiteItem } from "@assay/core";
import { prisma, type Prisma, type RedTeamAttempt, type Tx } from "@assay/db";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, invalid, notFound } from "../errors";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import { createCampaignSchema, logAttemptSchema, promoteAttemptSchema } from "./schemas";
import { suiteItemsOf, writeSuiteVersion } from "./suites";

export type AttemptDto = Omit<RedTeamAttempt, "messages" | "orgId" | "createdById"> & { messages: SuiteItem["messages"]; createdBy: UserRef };

export type CampaignDto = {
  id: string;
  name: string;
  objective: string;
  status: "active" | "closed";
  modelVersion: { id: string; label: string };
  system: { id: string; name: string };
  createdAt: Date;
  createdBy: UserRef;
  attempts: AttemptDto[];
  /** Share of logged attempts that bypassed the controls, overall and per category, with Wilson intervals. */
  successByCategory: Array<{ category: string; attempts: number; succeeded: number; rate: number; ci: { lower: number; upper: number } }>;
  overall: { attempts: number; succeeded: number; rate: number | null; ci: { lower: number; upper: number } | null };
};

function rateOf(succeeded: number, attempts: number) {
  if (attempts === 0) return { rate: null, ci: null };
  return { rate: succeeded / attempts, ci: wilsonInterval(succeeded, attempts) };
}

async function findCampaign(ctx: ServiceContext, campaignId: string) {
  const campaign = await prisma.redTeamCampaign.findFirst({
    where: { id: campaignId, orgId: ctx.orgId },
    include: { modelVersion: { select: { id: true, label: true, system: { select: { id: true, name: true } } } }, attempts: { orderBy: { createdAt: "asc" } } },
  });
  if (!campaign) throw notFound("Campaign");
  return campaign;
}

export async function getCampaign(ctx: ServiceContext, campaignId: string): Promise<CampaignDto> {
  assertCan(ctx, "org.read");
  const c = await findCampaign(ctx, campaignId);
  const refs = await userRefs([c.createdById, ...c.attempts.map((a) => a.createdById)]);
  const categories = [...new Set(c.attempts.map((a) => a.category))].sort();
  const succeeded = c.attempts.filter((a) => a.succeeded).length;
  const overall = rateOf(succeeded, c.attempts.length);
  return {
    id: c.id,
    name: c.name,
    objective: c.objective,
    status: c.status,
    modelVersion: { id: c.modelVersion.id, label: c.modelVersion.label },
    system: c.modelVersion.system,
    createdAt: c.createdAt,
    createdBy: refFor(refs, c.createdById),
    attempts: c.attempts.map(({ orgId: _o, createdById, messages, ...a }) => ({ ...a, messages: messages as SuiteItem["messages"], createdBy: refFor(refs, createdById) })),
    successByCategory: categories.map((category) => {
      const inCategory = c.attempts.filter((a) => a.category === category);
      const wins = inCategory.filter((a) => a.succeeded).length;
      const { rate, ci } = rateOf(wins, inCategory.length);
      return { category, attempts: inCategory.length, succeeded: wins, rate: rate ?? 0, ci: ci ?? { lower: 0, upper: 1 } };
    }),
    overall: { attempts: c.attempts.length, succeeded, rate: overall.rate, ci: overall.ci },
  };
}

export async function listCampaigns(ctx: ServiceContext, filter: { modelVersionId?: string } = {}) {
  assertCan(ctx, "org.read");
  // Another organisation's version reads as absent (404), not as a version without campaigns.
  if (filter.modelVersionId && !(await prisma.modelVersion.findFirst({ where: { id: filter.modelVersionId, orgId: ctx.orgId }, select: { id: true } }))) {
    throw notFound("Model version");
  }
  const rows = await prisma.redTeamCampaign.findMany({
    where: { orgId: ctx.orgId, ...(filter.modelVersionId ? { modelVersionId: filter.modelVersionId } : {}) },
    include: { modelVersion: { select: { id: true, label: true, system: { select: { id: true, name: true } } } }, attempts: { select: { succeeded: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    status: c.status,
    modelVersion: { id: c.modelVersion.id, label: c.modelVersion.label },
    system: c.modelVersion.system,
    createdAt: c.createdAt,
    attempts: c.attempts.length,
    succeeded: c.attempts.filter((a) => a.succeeded).length,
  }));
}

export async function createCampaign(ctx: ServiceContext, versionId: string, raw: unknown): Promise<CampaignDto> {
  assertCan(ctx, "redteam.write");
  const input = createCampaignSchema.parse(raw);
  const version = await prisma.modelVersion.findFirst({ where: { id: versionId, orgId: ctx.orgId }, select: { id: true } });
  if (!version) throw notFound("Model version");
  const created = await mutate(ctx, async (tx, record) => {
    const row = await tx.redTeamCampaign.create({ data: { orgId: ctx.orgId, modelVersionId: version.id, name: input.name, objective: input.objective, createdById: ctx.userId } });
    await record({ action: "redteam.campaign.created", entityType: "RedTeamCampaign", entityId: row.id, after: { modelVersionId: version.id, name: input.name } });
    return row;
  });
  return getCampaign(ctx, created.id);
}

export async function logAttempt(ctx: ServiceContext, campaignId: string, raw: unknown): Promise<CampaignDto> {
  assertCan(ctx, "redteam.write");
  const input = logAttemptSchema.parse(raw);
  const campaign = await findCampaign(ctx, campaignId);
  if (campaign.status !== "active") throw conflict("The campaign is closed; reopen it to log attempts.");
  if (input.messages.at(-1)?.role !== "user") throw invalid("The conversation must end with the attacker's message.", { path: "messages" });
  await mutate(ctx, async (tx, record) => {
    const row = await tx.redTeamAttempt.create({
      data: { ...input, messages: input.messages as Prisma.InputJsonValue, orgId: ctx.orgId, campaignId: campaign.id, createdById: ctx.userId },
    });
    // The attempt's text stays out of the audit trail: it can be harmful, and the row keeps it.
    await record({
      action: "redteam.attempt.logged",
      entityType: "RedTeamAttempt",
      entityId: row.id,
      after: { campaignId: campaign.id, succeeded: input.succeeded, severity: input.severity, exploitability: input.exploitability, category: input.category },
    });
  });
  return getCampaign(ctx, campaign.id);
}

export async function setCampaignStatus(ctx: ServiceContext, campaignId: string, status: "active" | "closed"): Promise<CampaignDto> {
  assertCan(ctx, "redteam.write");
  const campaign = await findCampaign(ctx, campaignId);
  if (campaign.status === status) return getCampaign(ctx, campaign.id);
  await mutate(ctx, async (tx, record) => {
    await tx.redTeamCampaign.update({ where: { id: campaign.id }, data: { status } });
    await record({ action: `redteam.campaign.${status === "closed" ? "closed" : "reopened"}`, entityType: "RedTeamCampaign", entityId: campaign.id, before: { status: campaign.status }, after: { status } });
  });
  return getCampaign(ctx, campaign.id);
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40) || "system";

/** The system's regression suite, created on first use. */
async function regressionSuite(tx: Tx, ctx: ServiceContext, system: { id: string; name: string }) {
  const existing = await tx.safetySuite.findFirst({ where: { orgId: ctx.orgId, systemId: system.id, source: "regression" } });
  if (existing) return existing;
  let key = `${slug(system.name)}-regressions`;
  if (await tx.safetySuite.findFirst({ where: { orgId: ctx.orgId, key }, select: { id: true } })) key = `${key}-${system.id.slice(-6)}`;
  return tx.safetySuite.create({
    data: {
      orgId: ctx.orgId,
      key,
      name: `${system.name}: regressions`,
      description: "Successful attacks promoted from red-team campaigns; every later version must resist them.",
      source: "regression",
      systemId: system.id,
      createdById: ctx.userId,
    },
  });
}

/**
 * One click from a successful attempt to a regression test and, optionally, a
 * risk entry. Appends a version of the system's regression suite holding
 * every earlier item plus this attack.
 */
export async function promoteAttempt(ctx: ServiceContext, attemptId: string, raw: unknown): Promise<{ attempt: AttemptDto; suiteId: string | null; riskId: string | null }> {
  assertCan(ctx, "redteam.write");
  const input = promoteAttemptSchema.parse(raw);
  if (input.toRisk) assertCan(ctx, "risk.write");
  const attempt = await prisma.redTeamAttempt.findFirst({
    where: { id: attemptId, orgId: ctx.orgId },
    include: { campaign: { include: { modelVersion: { select: { id: true, label: true, system: { select: { id: true, name: true } } } } } } },
  });
  if (!attempt) throw notFound("Attempt");
  if (!attempt.succeeded) throw conflict("Only a successful attempt can be promoted: a failed one shows the control held.");
  if (input.expected === "must_not_reveal" && !input.secret) throw invalid("Give the secret the response must not reveal.", { path: "secret" });
  const system = attempt.campaign.modelVersion.system;

  const result = await mutate(ctx, async (tx, record) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"promote:" + attempt.id}, 0))`;
    const fresh = await tx.redTeamAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    let suiteId: string | null = null;
    let promotedItemId = fresh.promotedItemId;
    if (input.toSuite && !fresh.promotedItemId) {
      const suite = await regressionSuite(tx, ctx, system);
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"suite-version:" + suite.id}, 0))`;
      const previous = await tx.safetySuiteVersion.findFirst({ where: { suiteId: suite.id }, orderBy: { version: "desc" } });
      const items = previous ? (await suiteItemsOf(tx, previous.id)).map(({ id: _id, ...item }) => item) : [];
      const item = suiteItemSchema.parse({
        externalId: `redteam-${attempt.id}`,
        messages: attempt.messages,
        category: attempt.category,
        sourceCategory: `red team: ${attempt.campaign.name}`,
        expected: input.expected,
        ...(input.secret ? { secret: input.secret } : {}),
      });
      const version = await writeSuiteVersion(tx, {
        suiteId: suite.id,
        version: (previous?.version ?? 0) + 1,
        items: [...items, item],
        policyRules: previous ? policyRulesSchema.parse(previous.policyRules) : [],
        note: `Added red-team attempt ${attempt.id} from “${attempt.campaign.name}”.`,
        createdById: ctx.userId,
      });
      const stored = await tx.safetySuiteItem.findUniqueOrThrow({ where: { suiteVersionId_externalId: { suiteVersionId: version.id, externalId: item.externalId } } });
      promotedItemId = stored.id;
      suiteId = suite.id;
      await record({ action: "safety.suite.regression_added", entityType: "SafetySuite", entityId: suite.id, after: { version: version.version, attemptId: attempt.id, itemId: stored.id } });
    }
    let riskId = fresh.riskId;
    if (input.toRisk && !fresh.riskId) {
      const likelihood = Math.min(5, Math.max(1, attempt.exploitability));
      const impact = { low: 2, medium: 3, high: 4, critical: 5 }[attempt.severity];
      const risk = await tx.riskEntry.create({
        data: {
          orgId: ctx.orgId,
          systemId: system.id,
          modelVersionId: attempt.campaign.modelVersion.id,
          statement: `Red team (${attempt.campaign.name}): a ${attempt.category} attack succeeded against ${attempt.campaign.modelVersion.label}.`,
          likelihood,
          impact,
          severity: severityFor(likelihood, impact),
          ownerId: ctx.userId,
          createdById: ctx.userId,
        },
      });
      riskId = risk.id;
      await record({ action: "risk.created", entityType: "RiskEntry", entityId: risk.id, after: { from: "redteam", attemptId: attempt.id, likelihood, impact, severity: risk.severity } });
    }
    await tx.redTeamAttempt.update({ where: { id: attempt.id }, data: { promotedItemId, riskId } });
    return { suiteId, riskId };
  });
  const campaign = await getCampaign(ctx, attempt.campaignId);
  const dto = campaign.attempts.find((a) => a.id === attempt.id);
  if (!dto) throw notFound("Attempt");
  return { attempt: dto, ...result };
}
