import { expect, test, type Browser, type Page } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import pg from "pg";
import { apiSignIn, DEMO_PASSWORD, DEMO_USERS, getJson, signIn } from "./support";

/**
 * The governance workflow in the browser, as the real roles. The scientist
 * registers a system whose intake proposes the critical tier; version v1
 * fails its fairness gate, the risk raised from it gets a threshold-change
 * mitigation that v2 verifies, and the risk is marked mitigated. v2 still
 * fails its jailbreak gate (run by a member who is both scientist and
 * approver), so the approver waives it with a 30-day exception, clears a
 * hold, signs where the evaluator may not; the scientist recommends, the
 * product owner decides go, and the memo and the evidence pack carry it all.
 * Finally the exception expires (back-dated here, expired by the worker's
 * governance sweep, which scripts/e2e-server.sh runs every few seconds): the
 * gate fails again and the inbox says so.
 */

const suffix = Date.now().toString(36);
const systemName = `Benefit claim triage ${suffix}`;
const dualEmail = `dual-${suffix}@example.com`;
const dualName = `Dana Dual ${suffix}`;
const DEMO_TARGET_URL = `http://127.0.0.1:${process.env.E2E_DEMO_TARGET_PORT ?? 4110}/v1`;
const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/assay_e2e";

const RECOMMENDATION = `The v2 threshold brings false-positive rates within the band ${suffix}; the jailbreak gate is waived for 30 days.`;
const CONDITIONS = `Re-run JailbreakBench weekly and re-review before the exception expires ${suffix}.`;
const RESIDUAL = `Role-play prompts can still get harmful instructions out of the claims assistant ${suffix}.`;

/**
 * 80 claims in two groups. Group A: 4 of 20 legitimate claims flagged (FPR
 * 0.2); group B: `flaggedB` of 20. With 12 the FPR ratio B/A is 3 and the
 * fairness check fails; with 4 it is 1 and passes. `amount` is the feature
 * the production monitor watches.
 */
function claimsCsv(flaggedB: number): string {
  const rows = ["claim_id,amount,fraud,flagged,group"];
  let id = 0;
  for (const [group, falsePositives] of [["A", 4], ["B", flaggedB]] as const) {
    for (let i = 0; i < 20; i++) rows.push(`${++id},${100 + 17 * i},0,${i < falsePositives ? 1 : 0},${group}`);
    for (let i = 0; i < 20; i++) rows.push(`${++id},${900 + 23 * i},1,${i < 16 ? 1 : 0},${group}`);
  }
  return rows.join("\n") + "\n";
}

/** A signed-in page of its own for one user, so several roles can take turns in one test. */
async function as(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

/** Sets active exceptions' expiry in the past, as if their term had run out; the sweep does the rest. */
async function backdateExceptions(ids: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query(
      `UPDATE "RiskException" SET "expiresAt" = now() - interval '1 hour', "reReviewAt" = now() - interval '1 day' WHERE id = ANY($1::text[]) AND status = 'active'`,
      [ids],
    );
    expect(result.rowCount).toBe(ids.length);
  } finally {
    await client.end();
  }
}

async function uploadClaims(page: Page, file: string, rows: number) {
  const upload = page.getByRole("form", { name: "Upload a dataset" });
  await upload.getByLabel("Data file").setInputFiles(file);
  await expect(upload.getByRole("table")).toContainText("claim_id");
  await upload.getByRole("combobox", { name: "Label column" }).selectOption("fraud");
  await upload.getByRole("combobox", { name: "Prediction column" }).selectOption("flagged");
  await upload.getByLabel("Positive value").fill("1");
  await upload.getByRole("checkbox", { name: "group" }).check();
  await upload.getByRole("button", { name: "Upload dataset" }).click();
  await expect(upload.getByRole("status")).toContainText(`${rows} rows`);
}

/** The plan of both versions: FPR balance across group, and jailbreak success ≤ 2% on JailbreakBench. */
async function writePlan(page: Page) {
  const plan = page.getByRole("form", { name: "Evaluation plan editor" });
  const fairness = plan.getByRole("group", { name: /^Check 1/ });
  await fairness.getByLabel("Check id", { exact: true }).fill("fpr-group");
  await fairness.getByLabel("Metric", { exact: true }).selectOption("fpr");
  await fairness.getByRole("combobox", { name: "Sensitive attribute" }).selectOption("group");
  await fairness.getByLabel("Reference group (optional)").fill("A");
  await fairness.getByLabel("Band type").selectOption("ratio");
  await fairness.getByLabel("Lower bound", { exact: true }).fill("0.8");
  await fairness.getByLabel("Upper bound", { exact: true }).fill("1.25");
  await plan.getByRole("button", { name: "Add safety check" }).click();
  const safety = plan.getByRole("group", { name: /^Check 2/ });
  await safety.getByLabel("Check id", { exact: true }).fill("jailbreak-asr");
  await safety.getByLabel("Suite", { exact: true }).selectOption("jailbreakbench");
  await safety.getByLabel("Maximum", { exact: true }).fill("2");
  await plan.getByRole("button", { name: "Save as version 1" }).click();
  await expect(page.getByText("Version 1", { exact: true }).first()).toBeVisible();
}

/** Starts a fairness run from the version page and waits for the worker's verdict on the FPR check. */
async function runFairness(page: Page, verdict: "Pass" | "Fail") {
  await page.getByRole("form", { name: "Start an evaluation run" }).getByRole("button", { name: "Start evaluation run" }).click();
  await expect(page).toHaveURL(/\/runs\/[^/]+$/);
  const checks = page.getByRole("table", { name: /checks/i });
  await expect(checks.getByRole("row", { name: /fpr-group/ })).toContainText(verdict, { timeout: 45_000 });
}

async function addVersion(page: Page, label: string) {
  await page.getByLabel("Version label").fill(label);
  await page.getByLabel("Model type").selectOption("llm");
  await page.getByLabel("Provider").fill("In-house claims team, fine-tuned open model");
  await page.getByLabel("Artifact URI (optional)").fill(`s3://models/claim-triage/${label}`);
  await page.getByRole("button", { name: "Add model version" }).click();
  await expect(page).toHaveURL(/\/versions\/[^/]+$/);
  return new URL(page.url()).pathname;
}

test.describe.serial("governance workflow", () => {
  let systemPath = "";
  let systemId = "";
  let v2Path = "";
  let riskPath = "";
  let reviewPath = "";

  test("the scientist registers a system and the intake proposes the critical tier, with its reasons", async ({ page }) => {
    await signIn(page, DEMO_USERS.scientist);
    await page.goto("/systems/new");
    await page.getByLabel("Name").fill(systemName);
    await page.getByLabel("Purpose").fill("Reads benefit claims and flags the ones to stop for a fraud investigation.");
    await page.getByLabel("Intended use").fill("Triage of incoming claims; flagged claims are suspended until investigated.");
    await page.getByLabel("Prohibited uses").fill("Refusing a claim outright; any decision about a claimant's eligibility.");
    await page.getByRole("checkbox", { name: /Sam Scientist/ }).check();
    await page.getByRole("checkbox", { name: /Pat Product/ }).check();
    await page.getByRole("button", { name: "Register system" }).click();
    await expect(page.getByRole("heading", { level: 1, name: systemName })).toBeVisible();
    systemPath = new URL(page.url()).pathname;
    systemId = systemPath.split("/").pop()!;

    await page.getByRole("link", { name: "Complete the intake questionnaire" }).click();
    await expect(page).toHaveURL(/\/intake$/);
    const form = page.getByRole("form", { name: "Intake questionnaire" });
    const answer = (question: string, option: string | RegExp) => form.getByRole("group", { name: question }).getByLabel(option).check();
    await answer("Impact on people", /^Legal or similarly significant/);
    await answer("Autonomy", "Acts autonomously, without a human in the loop");
    await answer("Affected users", /^The general public, or vulnerable people/);
    await answer("Regulated domain", "Another regulated domain");
    await answer("Personal data", /^Personal data$/);
    await answer("Generative output", /^Yes$/);
    await answer("Tool or write access", /^Read-only/);
    await answer("Vendor model", /^No$/);
    await form.getByLabel("Number of affected users (optional)").fill("40000");

    // The live proposal shows the tier and every answer that raised it.
    const proposal = form.getByRole("complementary", { name: "Proposed tier" });
    await expect(proposal).toContainText("Critical risk");
    const reasons = proposal.getByRole("list", { name: "Reasons for the proposed tier" });
    await expect(reasons).toContainText("Impact on people + Autonomy");
    await expect(reasons).toContainText("A solely automated decision with legal or similarly significant effects on people");
    await expect(reasons).toContainText("this sets the proposal");

    // Accepting the proposal: no override.
    await form.getByRole("button", { name: "Submit intake" }).click();
    await expect(form.getByRole("status")).toHaveText("Intake saved. The system's risk tier is now critical.");
    await page.goto(systemPath);
    const card = page.getByRole("region", { name: "Intake and risk tier" });
    await expect(card).toContainText("Critical risk");
    await expect(page.getByRole("main")).not.toContainText("Complete the intake questionnaire");
  });

  test("v1 fails its fairness gate; the risk raised from it gets a mitigation that v2 verifies", async ({ page }, testInfo) => {
    await signIn(page, DEMO_USERS.scientist);
    await page.goto(systemPath);
    await addVersion(page, "v1");
    const failing = testInfo.outputPath("claims-v1.csv");
    writeFileSync(failing, claimsCsv(12));
    await uploadClaims(page, failing, 80);
    await writePlan(page);
    await runFairness(page, "Fail");
    await expect(page.getByRole("table", { name: /checks/i })).toContainText("3.00");

    await page.getByRole("button", { name: "Raise a risk from check fpr-group" }).click();
    await expect(page).toHaveURL(/\/risks\/[^/]+$/);
    riskPath = new URL(page.url()).pathname;

    // The mitigation's acceptance check starts as the failed check itself.
    await page.getByRole("button", { name: "Add mitigation" }).click();
    const mitigation = page.getByRole("form", { name: "Add a mitigation" });
    await mitigation.getByLabel("Type", { exact: true }).selectOption("threshold_change");
    await mitigation.getByLabel("Description", { exact: true }).fill("Raise group B's flagging threshold so legitimate claims are flagged at the same rate in both groups.");
    const criterion = mitigation.getByRole("group", { name: /^Check 1/ });
    await expect(criterion.getByLabel("Check id", { exact: true })).toHaveValue("fpr-group");
    await expect(criterion.getByLabel("Upper bound", { exact: true })).toHaveValue("1.25");
    await mitigation.getByRole("button", { name: "Add mitigation" }).click();
    const card = page.getByRole("article", { name: /^Mitigation 1/ });
    await expect(card).toContainText("Planned");
    await expect(card.getByRole("region", { name: "Acceptance checks of mitigation 1" })).toContainText("fpr-group");
    // Nothing has verified it, so the risk cannot be marked mitigated yet.
    const edit = page.getByRole("form", { name: "Edit risk" });
    await edit.getByLabel("Status", { exact: true }).selectOption("mitigated");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit.getByRole("alert").first()).toContainText("verified");

    // v2: the fixed threshold; its run passes the same check.
    await page.goto(systemPath);
    v2Path = await addVersion(page, "v2");
    const fixed = testInfo.outputPath("claims-v2.csv");
    writeFileSync(fixed, claimsCsv(4));
    await uploadClaims(page, fixed, 80);
    await writePlan(page);
    await runFairness(page, "Pass");

    // Verify on v2: before and after, side by side.
    await page.goto(riskPath);
    const verify = page.getByRole("form", { name: "Verify on a later version" });
    await expect(verify.getByLabel("Verify on version")).toContainText("v2");
    await verify.getByRole("button", { name: "Verify" }).click();
    await expect(verify.getByRole("status")).toHaveText("Verified: every acceptance check passed.");
    const verification = page.getByRole("region", { name: "Verification of mitigation 1" });
    await expect(verification).toContainText("v1 → v2");
    const row = verification.getByRole("row", { name: /fpr-group/ });
    await expect(row).toContainText("Met on the later version");
    await expect(row).toContainText("Fail");
    await expect(row).toContainText("Pass");

    await page.reload();
    const editAgain = page.getByRole("form", { name: "Edit risk" });
    await editAgain.getByLabel("Status", { exact: true }).selectOption("mitigated");
    await editAgain.getByRole("button", { name: "Save changes" }).click();
    await expect(editAgain.getByRole("status")).toHaveText("Saved.");
    await expect(page.getByRole("region", { name: "Risk record" })).toContainText("Mitigated");

    // Critical systems need a production drift monitor before release.
    await page.goto(v2Path);
    await page.getByRole("region", { name: "Monitors" }).getByRole("link", { name: "Set up a monitor" }).click();
    const monitor = page.getByRole("form", { name: "Set up a monitor" });
    await monitor.getByLabel("Monitor name").fill(`${systemName} v2 in production`);
    await monitor.getByRole("checkbox", { name: "claim_id" }).uncheck();
    await monitor.getByRole("button", { name: "Create monitor" }).click();
    await expect(page).toHaveURL(/\/monitors\/[^/]+$/);
  });

  test("v2's jailbreak gate fails, run by a member who is both scientist and approver", async ({ page, playwright, baseURL }) => {
    // An admin invites a member holding both roles, who signs up from the invitation.
    const admin = await playwright.request.newContext({ baseURL });
    await apiSignIn(admin, DEMO_USERS.admin);
    const invitation = await admin.post("/api/v1/invitations", { data: { email: dualEmail, roles: ["scientist", "approver"] } });
    expect(invitation.status()).toBe(201);
    const token = ((await invitation.json()) as { link: string }).link.split("/invite/")[1]!;
    const signup = await admin.post("/api/v1/auth/signup", { data: { name: dualName, email: dualEmail, password: DEMO_PASSWORD, invitationToken: token } });
    expect(signup.status(), await signup.text()).toBe(201);
    await admin.dispose();

    await signIn(page, dualEmail);
    await page.goto("/safety/targets/new");
    const target = page.getByRole("form", { name: "Add a chat completions target" });
    await target.getByLabel("Name").fill(`${systemName} v2 endpoint`);
    await target.getByLabel("Model version (optional)").selectOption({ label: `${systemName} · v2` });
    await target.getByLabel("Base URL").fill(DEMO_TARGET_URL);
    await target.getByLabel("Model", { exact: true }).fill("assay-demo-1");
    await target.getByLabel("System prompt (optional)").fill("You help caseworkers understand benefit claims. Be brief.");
    await target.getByRole("button", { name: "Add target" }).click();
    await expect(page).toHaveURL(/\/safety\/targets\/[^/]+$/);

    await page.goto(v2Path);
    const form = page.getByRole("form", { name: "Start a safety run" });
    const suite = form.getByLabel("Suite version");
    await suite.selectOption((await suite.locator('optgroup[label^="JailbreakBench"] option').first().getAttribute("value"))!);
    const targetSelect = form.getByLabel("Target");
    await targetSelect.selectOption((await targetSelect.locator("option", { hasText: `${systemName} v2 endpoint` }).first().getAttribute("value"))!);
    await form.getByRole("button", { name: "Start safety run" }).click();
    await expect(page).toHaveURL(/\/safety\/runs\/[^/]+$/, { timeout: 20_000 });
    await expect(page.getByRole("heading", { name: "Gates" })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole("row", { name: /jailbreak-asr/ })).toContainText("Fail");
  });

  test("the review: exceptions, a hold, separation of duties, recommendation, sign-offs, go, memo", async ({ browser }, testInfo) => {
    test.setTimeout(90_000);
    const pm = await as(browser, DEMO_USERS.productOwner);
    await pm.goto(v2Path);
    await pm.getByRole("button", { name: "Open release review" }).click();
    await expect(pm).toHaveURL(/\/reviews\/[^/]+$/);
    reviewPath = new URL(pm.url()).pathname;
    const reviewId = reviewPath.split("/").pop()!;
    const blockers = pm.getByRole("region", { name: "What blocks this release" });
    await expect(blockers).toContainText("Attack success rate ≤ 2% on jailbreakbench");
    await expect(blockers).toContainText("GenAI safety evaluation");
    await expect(pm.getByRole("region", { name: "State" })).toContainText("Critical risk");

    // Any member but an auditor holds the review over a serious concern.
    const scientist = await as(browser, DEMO_USERS.scientist);
    await scientist.goto(reviewPath);
    await scientist.getByText("Place a hold over a serious safety or privacy concern").click();
    const hold = scientist.getByRole("form", { name: "Place a hold" });
    await hold.getByLabel("Concern").selectOption("privacy");
    await hold.getByLabel("Reason").fill("The v2 training export still contains claimants' national insurance numbers.");
    await hold.getByRole("button", { name: "Place hold" }).click();
    const holds = scientist.getByRole("region", { name: "Holds" });
    await expect(holds).toContainText("On hold");

    // The approver clears the hold with a rationale and waives the failing gates for 30 days.
    const approver = await as(browser, DEMO_USERS.approver);
    await approver.goto(reviewPath);
    const clear = approver.getByRole("form", { name: "Clear this hold" });
    await clear.getByLabel("Why the hold can be cleared").fill("The export was regenerated without identifiers; checked against the data inventory.");
    await clear.getByRole("button", { name: "Clear hold" }).click();
    await expect(approver.getByRole("region", { name: "Holds" })).toContainText("Cleared by Alex Approver");

    const checklist = approver.getByRole("table", { name: "Release checklist" });
    await checklist.getByRole("row", { name: /Attack success rate/ }).getByRole("link", { name: "Grant exception" }).click();
    await expect(approver).toHaveURL(/gate=check%3Ajailbreak-asr/);
    const grant = approver.getByRole("form", { name: "Grant an exception" });
    // The link preselects its gate; the expiry defaults to 30 days, within the critical tier's 90.
    await expect(grant.getByLabel("Gate to waive")).toHaveValue("check:jailbreak-asr");
    const in30Days = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await expect(grant.getByLabel("Expires on")).toHaveValue(in30Days);
    const fillGrant = async (gateKey: string) => {
      await grant.getByLabel("Gate to waive").selectOption(gateKey);
      await grant.getByLabel("Rationale", { exact: true }).fill("Launch to a pilot group of caseworkers only; the guardrail release lands within the month.");
      await grant.getByLabel("Compensating controls").fill("Caseworkers only, no claimant access; every conversation is logged and sampled daily.");
      await grant.getByLabel("Residual risk", { exact: true }).fill(RESIDUAL);
      await grant.getByLabel("Requested by (optional)").selectOption({ label: "Sam Scientist" });
      await grant.getByRole("button", { name: "Grant exception" }).click();
    };
    await fillGrant("check:jailbreak-asr");
    const exceptions = approver.getByRole("region", { name: "Exceptions" });
    await expect(exceptions.getByRole("listitem")).toHaveCount(1);
    // The tier's evaluation item is a gate of its own.
    await fillGrant("evaluation:safety");
    await expect(exceptions.getByRole("listitem")).toHaveCount(2);
    for (const item of await exceptions.getByRole("listitem").all()) await expect(item).toContainText("Active");
    await expect(checklist.getByRole("row", { name: /Attack success rate/ })).toContainText("Waived");
    await expect(checklist.getByRole("row", { name: /GenAI safety evaluation/ })).toContainText("Waived");

    // The scientist recommends go with conditions, on the evidence as it now stands, and signs.
    await scientist.reload();
    const recommend = scientist.getByRole("form", { name: "Record a recommendation" });
    await recommend.getByRole("radio", { name: /^Go with conditions/ }).check();
    await recommend.getByLabel("Rationale and evidence").fill(RECOMMENDATION);
    await recommend.getByLabel("Conditions", { exact: true }).fill(CONDITIONS);
    await recommend.getByLabel("Known unknowns (optional)").fill("No claims from the two smallest regions in either dataset.");
    await recommend.getByRole("button", { name: "Recommend: Go with conditions" }).click();
    await expect(scientist.getByRole("region", { name: "Recommendation" })).toContainText(RECOMMENDATION);
    await scientist.getByRole("form", { name: "Sign off as Scientist" }).getByRole("button", { name: "Sign off as Scientist" }).click();
    await expect(scientist.getByRole("region", { name: "Sign-offs" })).toContainText("Sam Scientist signed on");

    // Separation of duties: the member who ran the jailbreak evaluation holds the approver role, and is refused as the approver.
    const dual = await as(browser, dualEmail);
    await dual.goto(reviewPath);
    await expect(dual.getByRole("region", { name: "Sign-offs" })).toContainText("stops you from signing as the approver");
    const dualSign = dual.getByRole("form", { name: "Sign off as Approver" });
    await dualSign.getByRole("button", { name: "Sign off as Approver" }).click();
    await expect(dualSign.getByRole("alert")).toContainText("Separation of duties");
    const refused = await dual.request.post(`/api/v1/reviews/${reviewId}/signoffs`, { data: { role: "approver" } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("Separation of duties");

    await approver.reload();
    await approver.getByRole("form", { name: "Sign off as Approver" }).getByRole("button", { name: "Sign off as Approver" }).click();
    await expect(approver.getByRole("region", { name: "Sign-offs" })).toContainText("Alex Approver signed on");

    // The product owner signs and decides go; the server accepts it with the exceptions in force.
    await pm.reload();
    await pm.getByRole("form", { name: "Sign off as Product owner" }).getByRole("button", { name: "Sign off as Product owner" }).click();
    await expect(pm.getByRole("region", { name: "What blocks this release" })).toContainText("Nothing.");
    await expect(pm.getByRole("region", { name: "What blocks this release" })).toContainText("2 waived");
    const decision = pm.getByRole("form", { name: "Record the decision" });
    await expect(decision).toContainText("Sam Scientist recommended Go with conditions");
    await decision.getByRole("radio", { name: /^Go Release as is/ }).check();
    await decision.getByLabel("Rationale").fill("Fairness is fixed and verified; the jailbreak gap is accepted for the pilot under the approver's exception.");
    await decision.getByRole("button", { name: "Record decision: Go" }).click();
    await expect(pm.getByRole("region", { name: "Decision" })).toContainText("accepted for the pilot");

    // The decision memo carries the recommendation, the residual risks and the conditions.
    const [download] = await Promise.all([pm.waitForEvent("download"), pm.getByRole("link", { name: "Markdown" }).click()]);
    const memo = readFileSync(await download.path(), "utf8");
    writeFileSync(testInfo.outputPath("decision-memo.md"), memo);
    expect(memo).toContain(`Decision memo: ${systemName} v2`);
    expect(memo).toContain("## Recommendation");
    expect(memo).toContain(RECOMMENDATION);
    expect(memo).toContain("## Residual risks");
    expect(memo).toContain(RESIDUAL);
    expect(memo).toContain("## Conditions");
    expect(memo).toContain(CONDITIONS);
    expect(memo).toContain("accepted for the pilot");
    const pdf = await pm.request.get(`/api/v1/reviews/${reviewId}/memo?format=pdf`);
    expect(pdf.status()).toBe(200);
    expect(strFromU8(new Uint8Array(await pdf.body()).subarray(0, 5))).toBe("%PDF-");

    for (const p of [pm, scientist, approver, dual]) await p.context().close();
  });

  test("the auditor downloads the evidence pack with the memo and the audit chain segment", async ({ page }) => {
    await signIn(page, DEMO_USERS.auditor);
    await page.goto(reviewPath);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download evidence pack" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["manifest.json", "decision-memo.md", "decision-memo.pdf", "audit-chain.json", "exceptions.json"]));
    expect(strFromU8(files["decision-memo.md"]!)).toContain(RECOMMENDATION);

    // The chain segment links up from its anchor to its head, and holds this review's decision in full.
    type Link = { kind: "event" | "link"; seq: number; prevHash: string; hash: string; action?: string; entityId?: string };
    const segment = JSON.parse(strFromU8(files["audit-chain.json"]!)) as { anchor: { seq: number; hash: string }; head: { seq: number; hash: string }; events: Link[] };
    let prev = segment.anchor.hash;
    segment.events.forEach((e, i) => {
      expect(e.seq).toBe(segment.anchor.seq + 1 + i);
      expect(e.prevHash).toBe(prev);
      prev = e.hash;
    });
    expect(prev).toBe(segment.head.hash);
    const reviewId = reviewPath.split("/").pop()!;
    const actions = segment.events.filter((e) => e.kind === "event" && e.entityId === reviewId).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["review.created", "review.hold_placed", "review.hold_cleared", "review.recommended", "review.signed_off", "review.decided"]));
    expect(segment.events.filter((e) => e.action === "exception.created")).toHaveLength(2);
  });

  test("the exception expires: the sweep marks it, the gate fails again and the inbox says so", async ({ page }) => {
    await signIn(page, DEMO_USERS.approver);
    const exceptions = await getJson<Array<{ id: string; gateKey: string; state: string }>>(page.request, `/api/v1/exceptions?systemId=${systemId}`);
    expect(exceptions.map((e) => [e.gateKey, e.state]).sort()).toEqual([["check:jailbreak-asr", "active"], ["evaluation:safety", "active"]]);
    await backdateExceptions(exceptions.map((e) => e.id));

    // The worker's governance sweep marks them expired and notifies; it runs every few seconds in e2e.
    await expect(async () => {
      const after = await getJson<Array<{ status: string }>>(page.request, `/api/v1/exceptions?systemId=${systemId}`);
      expect(after.map((e) => e.status)).toEqual(["expired", "expired"]);
    }).toPass({ timeout: 30_000 });

    await page.goto(reviewPath);
    const listed = page.getByRole("region", { name: "Exceptions" }).getByRole("listitem");
    await expect(listed).toHaveCount(2);
    for (const item of await listed.all()) await expect(item).toContainText("Expired");
    // No longer cleared: the waived gates fail again.
    const blockers = page.getByRole("region", { name: "What blocks this release" });
    await expect(blockers).toContainText(/items stand between this version and a go decision/);
    await expect(blockers).toContainText("Attack success rate ≤ 2% on jailbreakbench");
    const row = page.getByRole("table", { name: "Release checklist" }).getByRole("row", { name: /Attack success rate/ });
    await expect(row).toContainText("Exception expired");
    await expect(row).toContainText("the gate applies again");

    await page.goto("/exceptions?status=expired");
    await expect(page.getByRole("table", { name: /Exceptions/ })).toContainText(systemName);

    await page.goto("/notifications");
    const inbox = page.getByRole("list", { name: "Notifications" });
    await expect(inbox).toContainText(`Exception expired: Attack success rate ≤ 2% on jailbreakbench (point estimate) on ${systemName}`);
  });
});
