import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
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
/** Changes only the caller's own session or membership, so every member may call them. */
const SELF_SERVICE = new Set(["PUT /api/v1/session/organization", "POST /api/v1/invitations/accept"]);

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
      return { versionId: ids.versionId, title: "Probe review" };
    case "POST /api/v1/reviews/[reviewId]/signoffs":
      return { role: "approver" };
    case "POST /api/v1/reviews/[reviewId]/decision":
      return { outcome: "no_go", rationale: "A probe that must be refused." };
    case "PATCH /api/v1/members/[membershipId]":
      return { roles: ["auditor"] };
    case "POST /api/v1/invitations":
      return { email: "probe@example.com", roles: ["auditor"] };
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
};

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
  const systems = await getJson<Array<{ id: string }>>(scientist, "/api/v1/systems");
  const systemId = systems[0]!.id;
  const versions = await getJson<Array<{ id: string }>>(scientist, `/api/v1/systems/${systemId}/versions`);
  const versionId = versions[0]!.id;
  const datasets = await getJson<Array<{ id: string }>>(scientist, `/api/v1/versions/${versionId}/datasets`);
  const runs = await getJson<Array<{ id: string }>>(scientist, `/api/v1/versions/${versionId}/runs`);
  const risks = await getJson<Array<{ id: string }>>(scientist, "/api/v1/risks");
  const reviews = await getJson<Array<{ id: string }>>(scientist, "/api/v1/reviews");
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
    riskId: risks[0]!.id,
    reviewId: reviews[0]!.id,
    membershipId: members.find((m) => m.email === DEMO_USERS.scientist)!.membershipId,
    invitationId,
  };
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
      else expect((await res.json()).error.code).toBe("unauthenticated");
    }
    expect(failures).toEqual([]);
    await anonymous.dispose();
  });

  test("the auditor is refused every change with 403, and the audit trail does not move", async ({ playwright, baseURL }) => {
    const auditor = await playwright.request.newContext({ baseURL });
    await apiSignIn(auditor, DEMO_USERS.auditor);
    const before = await getJson<{ events: Array<{ seq: number }> }>(auditor, "/api/v1/audit");

    const failures: string[] = [];
    const writes = ENDPOINTS.filter((e) => e.method !== "GET" && !PUBLIC.has(key(e)) && !SELF_SERVICE.has(key(e)));
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
    const byId = ENDPOINTS.filter((e) => (/\[\w+\]/.test(e.template) || e.template in QUERIES) && e.template !== "/api/v1/invitations/accept");
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
