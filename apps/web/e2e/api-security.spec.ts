import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { apiSignIn, DEMO_USERS, getJson } from "./support";

/**
 * Every /api/v1 route, found on disk rather than listed by hand, so a new
 * route is covered the day it is added: it must refuse anonymous callers,
 * refuse the read-only auditor every change, and hide another tenant's data.
 */

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Endpoint = { template: string; method: Method };

const API_ROOT = path.resolve(import.meta.dirname, "../src/app/api/v1");
/** Open without a session by design: creating an account. */
const PUBLIC = new Set(["POST /api/v1/auth/signup"]);
/** Production pipelines call these with an organisation API token instead of a session; they are checked below on their own. */
const isPipelineRoute = (e: Endpoint) => e.template.startsWith("/api/v1/ingest/");
/** Changes only the caller's own session, membership or inbox, so every member may call them. */
const SELF_SERVICE = new Set(["PUT /api/v1/session/organization", "POST /api/v1/invitations/accept", "POST /api/v1/notifications/read"]);

function discoverEndpoints(): Endpoint[] {
  const endpoints: Endpoint[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const template = "/api/v1/" + path.relative(API_ROOT, dir).split(path.sep).join("/");
        const source = readFileSync(full, "utf8");
        for (const match of source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)) {
          endpoints.push({ template, method: match[1] as Method });
        }
      }
    }
  };
  walk(API_ROOT);
  return endpoints.sort((a, b) => `${a.template} ${a.method}`.localeCompare(`${b.template} ${b.method}`));
}

const ENDPOINTS = discoverEndpoints();

/**
 * A body the endpoint would accept from a permitted caller in the right
 * organisation, so a refusal can only come from the role or the tenancy.
 */
function validBody(endpoint: Endpoint, ids: Record<string, string>): unknown {
  switch (key(endpoint)) {
    case "PATCH /api/v1/systems/[systemId]":
      return { name: "Renamed by a probe" };
    case "POST /api/v1/systems":
      return { name: "Probe", purpose: "Probe", intendedUse: "Probe", ownerIds: [], riskTier: "low", lifecycleStage: "prototype" };
    case "POST /api/v1/systems/[systemId]/versions":
      return { label: "probe", modelType: "classifier", provider: "probe" };
    case "PUT /api/v1/versions/[versionId]/plan":
      return { checks: [{ id: "probe", kind: "fairness", metric: "fpr", attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 } }] };
    case "POST /api/v1/versions/[versionId]/runs":
      return { datasetId: ids.datasetId };
    case "POST /api/v1/risks":
      return { runId: ids.runId, checkId: "fpr-race", statement: "Probe", likelihood: 1, impact: 1, dueDate: "2030-01-01" };
    case "PATCH /api/v1/risks/[riskId]":
      return { status: "closed" };
    case "POST /api/v1/reviews":
      return { modelVersionId: ids.versionId, title: "Probe review" };
    case "POST /api/v1/reviews/[reviewId]/signoffs":
      return { role: "approver" };
    case "POST /api/v1/reviews/[reviewId]/decision":
      return { outcome: "no_go", rationale: "A probe that must be refused." };
    case "PATCH /api/v1/members/[membershipId]":
      return { roles: ["auditor"] };
    case "POST /api/v1/invitations":
      return { email: "probe@example.com", roles: ["auditor"] };
    case "POST /api/v1/monitors":
      return { modelVersionId: ids.versionId, name: "Probe monitor", referenceDatasetId: ids.datasetId, cadence: "daily" };
    case "PATCH /api/v1/monitors/[monitorId]":
      return { status: "paused" };
    case "POST /api/v1/monitors/[monitorId]/alert-rules":
      return { valueKey: "drift.share", kind: "threshold", comparator: ">=", threshold: 0.5, severity: "low" };
    case "PATCH /api/v1/monitors/[monitorId]/alert-rules/[ruleId]":
      return { enabled: false };
    case "POST /api/v1/webhooks":
      return { name: "Probe hook", url: "https://example.com/hook", format: "generic" };
    case "PATCH /api/v1/webhooks/[webhookId]":
      return { active: false };
    case "PATCH /api/v1/incidents/[incidentId]":
      return { status: "investigating" };
    case "POST /api/v1/incidents/[incidentId]/timeline":
      return { note: "A probe that must be refused." };
    case "POST /api/v1/api-tokens":
      return { name: "Probe token", scopes: ["metrics_write"] };
    case "POST /api/v1/versions/[versionId]/safety-runs":
      return { suiteVersionId: ids.suiteVersionId, targetId: ids.targetId };
    case "PATCH /api/v1/safety/targets/[targetId]":
      return { temperature: 0.5 };
    case "POST /api/v1/safety/suites/[suiteId]/versions":
      return { policyRules: [] };
    case "POST /api/v1/safety/responses/[responseId]/override":
      return { grader: "refusal", label: "full_refusal", flagged: true, reason: "A probe that must be refused." };
    case "POST /api/v1/versions/[versionId]/campaigns":
      return { name: "Probe campaign" };
    case "PATCH /api/v1/redteam/campaigns/[campaignId]":
      return { status: "closed" };
    case "POST /api/v1/redteam/campaigns/[campaignId]/attempts":
      return { messages: [{ role: "user", content: "probe" }], response: "probe", succeeded: false, severity: "low", exploitability: 1, category: "other" };
    case "POST /api/v1/redteam/attempts/[attemptId]/promote":
      return { toSuite: true };
    case "PUT /api/v1/systems/[systemId]/intake":
      return {
        answers: {
          impactOnPeople: "minor",
          autonomy: "advises_human",
          affectedUsers: "internal_staff",
          regulatedDomain: "none",
          personalData: "none",
          generativeOutput: false,
          toolAccess: "none",
          vendorModel: false,
        },
      };
    case "PUT /api/v1/settings/tier-policies":
      return {
        policies: [
          { tier: "low", requiredEvaluations: [], requiredSignoffRoles: ["scientist"], approverNotEvaluator: false, reviewSlaBusinessDays: 10, maxExceptionDays: 365 },
        ],
      };
    case "PUT /api/v1/settings/incident-levels":
      return {
        definitions: Object.fromEntries(["sev1", "sev2", "sev3", "sev4", "near_miss"].map((level) => [level, `Probe definition of ${level}.`])),
      };
    case "POST /api/v1/reviews/[reviewId]/recommendations":
      return { outcome: "no_go", rationale: "A probe that must be refused." };
    case "POST /api/v1/reviews/[reviewId]/holds":
      return { concern: "other", reason: "A probe that must be refused." };
    case "POST /api/v1/reviews/[reviewId]/holds/[holdId]/clear":
      return { rationale: "A probe that must be refused." };
    case "POST /api/v1/exceptions": {
      const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
      return {
        reviewId: ids.reviewId,
        gateKey: "check:fpr-race",
        rationale: "A probe that must be refused.",
        compensatingControls: "A probe that must be refused.",
        residualRisk: "A probe that must be refused.",
        expiresAt: day(20),
        reReviewAt: day(10),
      };
    }
    case "POST /api/v1/exceptions/[exceptionId]/revoke":
      return { reason: "A probe that must be refused." };
    case "POST /api/v1/risks/[riskId]/mitigations":
      return {
        type: "threshold_change",
        description: "A probe that must be refused.",
        acceptanceChecks: [{ id: "probe", kind: "fairness", metric: "fpr", attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 } }],
      };
    case "PATCH /api/v1/mitigations/[mitigationId]":
      return { description: "Renamed by a probe." };
    case "POST /api/v1/mitigations/[mitigationId]/verify":
      return { modelVersionId: ids.versionId };
    case "POST /api/v1/risks/[riskId]/links":
      return { kind: "run", targetId: ids.runId };
    default:
      return {};
  }
}
const key = (e: Endpoint) => `${e.method} ${e.template}`;

/** Query strings a route needs to get past validation, so the check under test is the one that answers. */
const QUERIES: Record<string, (ids: Record<string, string>) => string> = {
  "/api/v1/runs/[runId]/export": () => "?format=json",
  "/api/v1/runs/[runId]/report": () => "?format=pdf",
  "/api/v1/runs/compare": (ids) => `?baseline=${ids.runId}&candidate=${ids.runId}`,
  "/api/v1/monitors/[monitorId]/windows/[windowStart]/report": () => "?format=pdf",
  "/api/v1/safety/runs/[safetyRunId]/report": () => "?format=pdf",
  "/api/v1/safety/compare": (ids) => `?baseline=${ids.safetyRunId}&candidate=${ids.safetyRunId}`,
};

/** Routes with a parameter that names no object of an organisation: a built-in suite's key is the same for everyone. */
const NOT_TENANT_SCOPED = new Set(["POST /api/v1/safety/suites/builtin/[key]"]);

function fill(template: string, ids: Record<string, string>): string {
  const path = template.replace(/\[(\w+)\]/g, (_, name: string) => {
    const id = ids[name];
    if (!id) throw new Error(`No demo id for [${name}] in ${template}; add one to demoIds().`);
    return id;
  });
  return path + (QUERIES[template]?.(ids) ?? "");
}

function call(api: APIRequestContext, endpoint: Endpoint, url: string, body: unknown = {}) {
  switch (endpoint.method) {
    case "GET":
      return api.get(url);
    case "DELETE":
      return api.delete(url);
    default:
      return api.fetch(url, { method: endpoint.method, data: body });
  }
}

/** Ids of real objects in the demo organisation, read through the API as its admin and scientist. */
async function demoIds(baseURL: string): Promise<Record<string, string>> {
  const scientist = await playwrightRequest.newContext({ baseURL });
  await apiSignIn(scientist, DEMO_USERS.scientist);
  const systems = await getJson<Array<{ id: string; name: string }>>(scientist, "/api/v1/systems");
  // The COMPAS system: the one with a dataset, a fairness run, a risk and a review.
  const systemId = systems.find((s) => s.name === "Recidivism risk scorer")!.id;
  const versions = await getJson<Array<{ id: string }>>(scientist, `/api/v1/systems/${systemId}/versions`);
  const versionId = versions[0]!.id;
  const datasets = await getJson<Array<{ id: string }>>(scientist, `/api/v1/versions/${versionId}/datasets`);
  const runs = await getJson<Array<{ id: string }>>(scientist, `/api/v1/versions/${versionId}/runs`);
  const monitoring = await demoMonitoringIds(scientist);
  const governance = await demoGovernanceIds(scientist, systemId);
  const safety = await demoSafetyIds(scientist);
  await scientist.dispose();

  const admin = await playwrightRequest.newContext({ baseURL });
  await apiSignIn(admin, DEMO_USERS.admin);
  const members = await getJson<Array<{ membershipId: string; email: string }>>(admin, "/api/v1/members");
  const invitation = await admin.post("/api/v1/invitations", { data: { email: "security-probe@example.com", roles: ["auditor"] } });
  expect(invitation.status()).toBe(201);
  const { id: invitationId } = (await invitation.json()) as { id: string };
  await admin.dispose();

  return {
    systemId,
    versionId,
    datasetId: datasets[0]!.id,
    runId: runs[0]!.id,
    membershipId: members.find((m) => m.email === DEMO_USERS.scientist)!.membershipId,
    invitationId,
    ...monitoring,
    ...safety,
    ...governance,
  };
}

/**
 * The COMPAS system's governance objects, seeded by scripts/seed-governance.ts:
 * the risk raised from its failed check with a mitigation and a link, its
 * review with a hold (placed and cleared), and an exception on that review.
 */
async function demoGovernanceIds(scientist: APIRequestContext, systemId: string): Promise<Record<string, string>> {
  const risks = await getJson<Array<{ id: string; checkId: string | null }>>(scientist, `/api/v1/risks?systemId=${systemId}`);
  const riskId = risks.find((r) => r.checkId === "fpr-race")!.id;
  const mitigations = await getJson<Array<{ id: string }>>(scientist, `/api/v1/risks/${riskId}/mitigations`);
  const links = await getJson<Array<{ id: string }>>(scientist, `/api/v1/risks/${riskId}/links`);
  const reviews = await getJson<Array<{ id: string; createdAt: string }>>(scientist, `/api/v1/reviews?systemId=${systemId}`);
  // The seeded review is the oldest; other specs may open more.
  const reviewId = reviews.at(-1)!.id;
  const holds = await getJson<Array<{ id: string }>>(scientist, `/api/v1/reviews/${reviewId}/holds`);
  const exceptions = await getJson<Array<{ id: string }>>(scientist, `/api/v1/exceptions?systemId=${systemId}`);
  return {
    riskId,
    mitigationId: mitigations[0]!.id,
    linkId: links[0]!.id,
    reviewId,
    holdId: holds[0]!.id,
    exceptionId: exceptions[0]!.id,
  };
}

/** The demo's safety objects: an installed suite, a target, a finished run with responses, a red-team campaign with attempts. */
async function demoSafetyIds(scientist: APIRequestContext): Promise<Record<string, string>> {
  const { suites } = await getJson<{ suites: Array<{ id: string; latest: { id: string } | null }> }>(scientist, "/api/v1/safety/suites");
  const targets = await getJson<Array<{ id: string }>>(scientist, "/api/v1/safety/targets");
  const runs = await getJson<Array<{ id: string; status: string }>>(scientist, "/api/v1/safety/runs");
  const safetyRunId = runs.find((r) => r.status === "succeeded")!.id;
  const { responses } = await getJson<{ responses: Array<{ id: string }> }>(scientist, `/api/v1/safety/runs/${safetyRunId}/responses?limit=1`);
  const campaigns = await getJson<Array<{ id: string }>>(scientist, "/api/v1/redteam/campaigns");
  const campaign = await getJson<{ attempts: Array<{ id: string }> }>(scientist, `/api/v1/redteam/campaigns/${campaigns[0]!.id}`);
  return {
    suiteId: suites[0]!.id,
    suiteVersionId: suites[0]!.latest!.id,
    key: "advbench",
    targetId: targets[0]!.id,
    safetyRunId,
    responseId: responses[0]!.id,
    campaignId: campaigns[0]!.id,
    attemptId: campaign.attempts[0]!.id,
  };
}

/**
 * The demo seeds a monitor with evaluated windows and a fired alert; the
 * objects that only configure it (rule, webhook, token, incident) are made
 * here when missing, so every id in a monitoring route is a real object.
 */
async function demoMonitoringIds(scientist: APIRequestContext): Promise<Record<string, string>> {
  const monitors = await getJson<Array<{ id: string }>>(scientist, "/api/v1/monitors");
  const monitorId = monitors[0]!.id;
  const windows = await getJson<Array<{ windowStart: string }>>(scientist, `/api/v1/monitors/${monitorId}/windows`);
  const alerts = await getJson<Array<{ id: string }>>(scientist, "/api/v1/alerts");
  const alertId = alerts[0]!.id;
  const rules = await getJson<Array<{ id: string }>>(scientist, `/api/v1/monitors/${monitorId}/alert-rules`);
  const webhooks = await getJson<Array<{ id: string }>>(scientist, "/api/v1/webhooks");
  const webhookId = webhooks[0]?.id ?? (await created(scientist.post("/api/v1/webhooks", { data: { name: "Probe receiver", url: "https://example.com/hook" } })));
  const incident = await scientist.post(`/api/v1/alerts/${alertId}/incident`, { data: {} });
  expect([200, 201]).toContain(incident.status());
  const tokens = await getJson<Array<{ id: string; revokedAt: string | null }>>(scientist, "/api/v1/api-tokens");
  const tokenId = tokens.find((t) => !t.revokedAt)?.id ?? (await created(scientist.post("/api/v1/api-tokens", { data: { name: "Probe", scopes: ["monitors_read"] } })));
  return {
    monitorId,
    windowStart: encodeURIComponent(windows[0]!.windowStart),
    alertId,
    ruleId: rules[0]!.id,
    webhookId,
    incidentId: ((await incident.json()) as { id: string }).id,
    tokenId,
  };
}

async function created(response: Promise<APIResponse>): Promise<string> {
  const res = await response;
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test.describe("API access control", () => {
  let ids: Record<string, string>;

  test.beforeAll(async ({ baseURL }) => {
    ids = await demoIds(baseURL!);
  });

  test("the route list is discovered and covers every area of the product", () => {
    const templates = new Set(ENDPOINTS.map((e) => e.template));
    for (const area of ["/api/v1/systems", "/api/v1/versions/[versionId]/runs", "/api/v1/reviews/[reviewId]/evidence-pack", "/api/v1/members", "/api/v1/audit"]) {
      expect(templates, area).toContain(area);
    }
  });

  test("anonymous callers get 401 from every route but sign-up", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const failures: string[] = [];
    for (const endpoint of ENDPOINTS.filter((e) => !PUBLIC.has(key(e)))) {
      const res = await call(anonymous, endpoint, fill(endpoint.template, ids));
      if (res.status() !== 401) failures.push(`${key(endpoint)} → ${res.status()}`);
      else expect((await res.json()).error.code).toBe(isPipelineRoute(endpoint) ? "invalid_token" : "unauthenticated");
    }
    expect(failures).toEqual([]);
    await anonymous.dispose();
  });

  test("the auditor is refused every change with 403, and the audit trail does not move", async ({ playwright, baseURL }) => {
    const auditor = await playwright.request.newContext({ baseURL });
    await apiSignIn(auditor, DEMO_USERS.auditor);
    const before = await getJson<{ events: Array<{ seq: number }> }>(auditor, "/api/v1/audit");

    const failures: string[] = [];
    const writes = ENDPOINTS.filter((e) => e.method !== "GET" && !PUBLIC.has(key(e)) && !SELF_SERVICE.has(key(e)) && !isPipelineRoute(e));
    expect(writes.length).toBeGreaterThan(15);
    for (const endpoint of writes) {
      const res = await call(auditor, endpoint, fill(endpoint.template, ids), validBody(endpoint, ids));
      if (res.status() !== 403) failures.push(`${key(endpoint)} → ${res.status()} ${await res.text()}`);
    }
    expect(failures).toEqual([]);

    const after = await getJson<{ events: Array<{ seq: number }> }>(auditor, "/api/v1/audit");
    expect(after.events[0]?.seq).toBe(before.events[0]?.seq);
    await auditor.dispose();
  });

  test("a member of another organisation gets 404 for every object of this one", async ({ playwright, baseURL }) => {
    const outsider = await playwright.request.newContext({ baseURL });
    await apiSignIn(outsider, DEMO_USERS.outsider);
    const failures: string[] = [];
    // The outsider is an admin in their own organisation, so only lookups by id can leak.
    const byId = ENDPOINTS.filter(
      (e) =>
        (/\[\w+\]/.test(e.template) || e.template in QUERIES) && e.template !== "/api/v1/invitations/accept" && !isPipelineRoute(e) && !NOT_TENANT_SCOPED.has(key(e)),
    );
    expect(byId.length).toBeGreaterThan(15);
    for (const endpoint of byId) {
      const res = await call(outsider, endpoint, fill(endpoint.template, ids), validBody(endpoint, ids));
      if (res.status() !== 404) failures.push(`${key(endpoint)} → ${res.status()} ${await res.text()}`);
    }
    expect(failures).toEqual([]);

    // Switching into an organisation one does not belong to is refused too.
    const hijack = await outsider.put("/api/v1/session/organization", { data: { orgId: "demo-org-guess" } });
    expect(hijack.status()).toBe(404);
    await outsider.dispose();
  });

  test("pipeline routes take only a live token of this organisation with the right scope", async ({ playwright, baseURL }) => {
    const pipelineRoutes = ENDPOINTS.filter(isPipelineRoute);
    expect(pipelineRoutes.length).toBeGreaterThanOrEqual(4);
    const tokenFor = async (user: string, scopes: string[]) => {
      const session = await playwright.request.newContext({ baseURL });
      await apiSignIn(session, user);
      const res = await session.post("/api/v1/api-tokens", { data: { name: `Probe ${scopes.join(" ")}`, scopes } });
      expect(res.status()).toBe(201);
      const token = (await res.json()) as { id: string; secret: string };
      return { ...token, session };
    };
    const withToken = (secret: string) => playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
    const windowStart = new Date(Date.UTC(2020, 0, 1)).toISOString();
    const bodies: Record<string, unknown> = { "POST /api/v1/ingest/monitors/[monitorId]/metrics": { windowStart, counters: { interactions: 10 } } };
    const probe = (api: APIRequestContext, e: Endpoint) => call(api, e, fill(e.template, { ...ids, windowStart: encodeURIComponent(windowStart) }), bodies[key(e)] ?? {});

    // A session cookie is not a token: the signed-in auditor gets 401 here, not a read.
    const auditor = await playwright.request.newContext({ baseURL });
    await apiSignIn(auditor, DEMO_USERS.auditor);
    const outsider = await tokenFor(DEMO_USERS.outsider, ["batches_write", "metrics_write", "monitors_read"]);
    const narrow = await tokenFor(DEMO_USERS.scientist, ["monitors_read"]);
    const revoked = await tokenFor(DEMO_USERS.scientist, ["batches_write", "metrics_write", "monitors_read"]);
    expect((await revoked.session.delete(`/api/v1/api-tokens/${revoked.id}`)).status()).toBeLessThan(300);

    const failures: string[] = [];
    const expectStatus = async (who: string, api: APIRequestContext, e: Endpoint, status: number) => {
      const res = await probe(api, e);
      if (res.status() !== status) failures.push(`${who} ${key(e)} → ${res.status()} (expected ${status})`);
    };
    const foreign = await withToken(outsider.secret);
    const readOnly = await withToken(narrow.secret);
    const dead = await withToken(revoked.secret);
    for (const e of pipelineRoutes) {
      await expectStatus("session", auditor, e, 401);
      await expectStatus("revoked token", dead, e, 401);
      await expectStatus("other organisation's token", foreign, e, 404);
      if (e.method !== "GET") await expectStatus("token without the scope", readOnly, e, 403);
    }
    expect(failures).toEqual([]);
    for (const api of [auditor, foreign, readOnly, dead, outsider.session, narrow.session, revoked.session]) await api.dispose();
  });

  test("bad input gets a 400 that names the problem, and changes nothing", async ({ playwright, baseURL }) => {
    const scientist = await playwright.request.newContext({ baseURL });
    await apiSignIn(scientist, DEMO_USERS.scientist);
    const before = await getJson<unknown[]>(scientist, "/api/v1/systems");

    const malformed = await scientist.post("/api/v1/systems", { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") });
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error.code).toBe("invalid_json");

    const missingName = await scientist.post("/api/v1/systems", { data: { name: "", riskTier: "catastrophic" } });
    expect(missingName.status()).toBe(400);
    const body = (await missingName.json()) as { error: { message: string; details: Array<{ path: string }> } };
    expect(body.error.message.length).toBeGreaterThan(5);
    expect(body.error.details.map((d) => d.path)).toEqual(expect.arrayContaining(["name", "riskTier"]));

    const startWithoutDataset = await scientist.post(`/api/v1/versions/${ids.versionId}/runs`, { data: { datasetId: "" } });
    expect(startWithoutDataset.status()).toBe(400);

    expect(await getJson<unknown[]>(scientist, "/api/v1/systems")).toHaveLength(before.length);
    await scientist.dispose();
  });
});
