import { expect, test } from "@playwright/test";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { DEMO_USERS, signIn } from "./support";

/**
 * The whole launch loop in the browser, as the three kinds of user: the
 * scientist registers a system, uploads predictions, writes a plan, runs it
 * and raises a risk from the failed check; the product manager opens the
 * release review, sees what blocks it and decides after the scientist's
 * recommendation; the auditor downloads the evidence pack, verifies its
 * hashes and is refused when trying to edit.
 */

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const systemName = `Loan pre-screening ${Date.now().toString(36)}`;

/**
 * 80 applicants in two groups. Group A: 4 of 20 negatives predicted positive
 * (FPR 0.2); group B: 12 of 20 (FPR 0.6). The FPR ratio B/A is 3, far
 * outside [0.8, 1.25], so the plan's check must fail.
 */
function predictionsCsv(): string {
  const rows = ["applicant_id,defaulted,flagged,group"];
  let id = 0;
  for (const [group, falsePositives] of [["A", 4], ["B", 12]] as const) {
    for (let i = 0; i < 20; i++) rows.push(`${++id},0,${i < falsePositives ? 1 : 0},${group}`);
    for (let i = 0; i < 20; i++) rows.push(`${++id},1,${i < 16 ? 1 : 0},${group}`);
  }
  return rows.join("\n") + "\n";
}

test.describe.serial("launch loop", () => {
  let versionPath = "";
  let reviewPath = "";
  let riskPath = "";

  test("the scientist registers, uploads, plans, runs and raises a risk", async ({ page }, testInfo) => {
    await signIn(page, DEMO_USERS.scientist);

    await page.goto("/systems/new");
    await page.getByLabel("Name").fill(systemName);
    await page.getByLabel("Purpose").fill("Flags loan applications for manual review.");
    await page.getByLabel("Intended use").fill("Decision support for underwriters; never an automatic rejection.");
    await page.getByLabel("Prohibited uses").fill("Automated denial of credit.");
    await page.getByLabel("Risk tier").selectOption("high");
    await page.getByRole("button", { name: "Register system" }).click();
    await expect(page.getByRole("heading", { level: 1, name: systemName })).toBeVisible();

    await page.getByLabel("Version label").fill("2026.11");
    await page.getByLabel("Model type").selectOption("classifier");
    await page.getByLabel("Provider").fill("In-house credit team");
    await page.getByRole("button", { name: "Add model version" }).click();
    await expect(page).toHaveURL(/\/versions\/[^/]+$/);
    versionPath = new URL(page.url()).pathname;

    // A file whose label column is not binary is refused with the column named, and nothing is listed.
    const upload = page.getByRole("form", { name: "Upload a dataset" });
    const badFile = testInfo.outputPath("bad.csv");
    writeFileSync(badFile, "applicant_id,defaulted,flagged,group\n1,0,1,A\n2,maybe,0,B\n");
    await upload.getByLabel("Data file").setInputFiles(badFile);
    await upload.getByRole("combobox", { name: "Label column" }).selectOption("defaulted");
    await upload.getByRole("combobox", { name: "Prediction column" }).selectOption("flagged");
    await upload.getByLabel("Positive value").fill("1");
    await upload.getByRole("checkbox", { name: "group" }).check();
    await upload.getByRole("button", { name: "Upload dataset" }).click();
    await expect(upload.getByRole("alert").first()).toContainText("defaulted");
    await expect(page.getByRole("table", { name: /datasets/i })).toHaveCount(0);

    const goodFile = testInfo.outputPath("predictions.csv");
    writeFileSync(goodFile, predictionsCsv());
    await upload.getByLabel("Data file").setInputFiles(goodFile);
    // The mapping step previews the first rows of the file.
    await expect(upload.getByRole("table")).toContainText("applicant_id");
    await upload.getByRole("combobox", { name: "Label column" }).selectOption("defaulted");
    await upload.getByRole("combobox", { name: "Prediction column" }).selectOption("flagged");
    await upload.getByLabel("Positive value").fill("1");
    await upload.getByRole("checkbox", { name: "group" }).check();
    await upload.getByRole("button", { name: "Upload dataset" }).click();
    await expect(upload.getByRole("status")).toContainText("80 rows");

    const plan = page.getByRole("form", { name: "Evaluation plan editor" });
    await plan.getByLabel("Metric").selectOption("fpr");
    // Once a dataset exists, attributes are chosen from its sensitive columns.
    await plan.getByRole("combobox", { name: "Sensitive attribute" }).selectOption("group");
    await plan.getByLabel("Reference group (optional)").fill("A");
    await plan.getByLabel("Band type").selectOption("ratio");
    await plan.getByLabel("Lower bound").fill("0.8");
    await plan.getByLabel("Upper bound").fill("1.25");
    await plan.getByRole("button", { name: "Save as version 1" }).click();
    await expect(page.getByText("Version 1", { exact: true }).first()).toBeVisible();

    const start = page.getByRole("form", { name: "Start an evaluation run" });
    await start.getByRole("button", { name: "Start evaluation run" }).click();
    await expect(page).toHaveURL(/\/runs\/[^/]+$/);

    // The worker picks the job up; the page follows it to the results.
    const checks = page.getByRole("table", { name: /checks/i });
    await expect(checks).toContainText("Fail", { timeout: 45_000 });
    await expect(checks).toContainText("3.00");
    const groups = page.getByRole("table", { name: /group/i }).first();
    await expect(groups).toContainText("0.200");
    await expect(groups).toContainText("0.600");

    await page.getByRole("button", { name: /Raise a risk from check/ }).first().click();
    await expect(page).toHaveURL(/\/risks\/[^/]+$/);
    riskPath = new URL(page.url()).pathname;
    await expect(page.getByRole("main")).toContainText(/False-positive rate/i);
  });

  test("the scientist compares a second run with the first and sees no change on the same data", async ({ page }) => {
    await signIn(page, DEMO_USERS.scientist);
    await page.goto(versionPath);
    await page.getByRole("form", { name: "Start an evaluation run" }).getByRole("button", { name: "Start evaluation run" }).click();
    await expect(page).toHaveURL(/\/runs\/[^/]+$/);
    await expect(page.getByRole("table", { name: /checks/i })).toContainText("Fail", { timeout: 45_000 });
    const candidate = new URL(page.url()).pathname.split("/").pop()!;

    await page.goto(versionPath);
    // The runs table lists the newest first; compare the older run (baseline) with the new one.
    await page.getByRole("link", { name: /^Compare/ }).last().click();
    await expect(page).toHaveURL(/\/runs\/compare\?baseline=/);
    await page.getByLabel("Candidate run").selectOption(candidate);
    await page.getByRole("button", { name: "Compare" }).click();
    const verdicts = page.getByRole("list", { name: "Verdicts" });
    await expect(verdicts).toContainText("0 regressions");
    await expect(verdicts).toContainText("0 improvements");
  });

  test("the product manager opens the review, sees what blocks it and decides no-go", async ({ page, browser }) => {
    await signIn(page, DEMO_USERS.productOwner);
    await page.goto(versionPath);
    await page.getByRole("button", { name: "Open release review" }).click();
    await expect(page).toHaveURL(/\/reviews\/[^/]+$/);
    reviewPath = new URL(page.url()).pathname;

    const blockers = page.getByRole("region", { name: "What blocks this release" });
    await expect(blockers).toContainText(/items stand between this version and a go decision/);
    await expect(blockers).toContainText(/Still to sign: .*Approver/);
    await expect(blockers).toContainText(/False-positive rate/i);
    // The risk the scientist raised is named and linked.
    await expect(blockers).toContainText("1 open high or critical risk");
    await expect(blockers.getByRole("link", { name: /Failed fairness check fpr-group/ })).toBeVisible();

    // The readiness dashboard lists the review with the same blockers.
    await page.goto("/readiness");
    await expect(page.getByRole("main")).toContainText(systemName);
    await page.goto(reviewPath);

    // A go waits for a scientist's recommendation, a separate record.
    const decision = page.getByRole("form", { name: "Record the decision" });
    await expect(decision).toContainText("No recommendation yet");
    await decision.getByRole("radio", { name: /^Go Release as is/ }).check();
    await expect(decision.getByRole("button", { name: "Record decision: Go" })).toBeDisabled();
    const scientistContext = await browser.newContext();
    const scientist = await scientistContext.newPage();
    await signIn(scientist, DEMO_USERS.scientist);
    await scientist.goto(reviewPath);
    const recommend = scientist.getByRole("form", { name: "Record a recommendation" });
    await recommend.getByRole("radio", { name: /^No-go/ }).check();
    await recommend.getByLabel("Rationale and evidence").fill("The false-positive rate of group B is three times group A's; the band is 0.8 to 1.25.");
    await recommend.getByRole("button", { name: "Recommend: No-go" }).click();
    await expect(scientist.getByRole("region", { name: "Recommendation" })).toContainText("three times group A's");
    await scientistContext.close();
    await page.reload();
    await expect(decision).toContainText("Sam Scientist recommended No-go");

    // Go is refused while blockers stand; no-go is recorded with its rationale.
    await decision.getByRole("radio", { name: /^Go Release as is/ }).check();
    await decision.getByLabel("Rationale").fill("Trying to ship despite the blockers.");
    await decision.getByRole("button", { name: "Record decision: Go" }).click();
    await expect(decision.getByRole("alert")).toBeVisible();

    await decision.getByRole("radio", { name: /^No-go/ }).check();
    await decision.getByLabel("Rationale").fill("False-positive rates differ between groups far beyond the plan's band; mitigate and re-run.");
    await decision.getByRole("button", { name: "Record decision: No-go" }).click();
    await expect(page.getByRole("region", { name: "Decision" })).toContainText("mitigate and re-run");
    await expect(page.getByRole("form", { name: "Record the decision" })).toHaveCount(0);
  });

  test("the auditor downloads a pack whose hashes verify, and cannot edit anything", async ({ page }) => {
    await signIn(page, DEMO_USERS.auditor);
    await page.goto(reviewPath);
    await expect(page.getByRole("region", { name: "Decision" })).toContainText("mitigate and re-run");
    await expect(page.getByRole("main").getByRole("form")).toHaveCount(0);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download evidence pack" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const zip = new Uint8Array(readFileSync(await download.path()));
    const files = unzipSync(zip);
    const manifest = JSON.parse(strFromU8(files["manifest.json"]!)) as { files: Array<{ path: string; sha256: string; bytes: number }> };
    for (const entry of manifest.files) {
      expect(files[entry.path], entry.path).toBeDefined();
      expect(sha256(files[entry.path]!), entry.path).toBe(entry.sha256);
      expect(files[entry.path]!.length, entry.path).toBe(entry.bytes);
    }
    expect(Object.keys(files).sort()).toEqual([...manifest.files.map((f) => f.path), "manifest.json"].sort());
    expect(Object.keys(files)).toContain("summary.md");
    // Each succeeded run brings its fairness assessment report, as Markdown and as PDF.
    const reports = Object.keys(files).filter((f) => f.endsWith("-fairness-report.pdf"));
    expect(reports.length).toBeGreaterThan(0);
    expect(strFromU8(files[reports[0]!]!.subarray(0, 5))).toBe("%PDF-");
    const everything = manifest.files.map((f) => strFromU8(files[f.path]!)).join("\n");
    expect(everything).toContain(systemName);
    expect(everything).toContain("no_go");

    // Unchanged evidence rebuilds into the same bytes.
    const again = await page.request.get(`/api/v1${reviewPath}/evidence-pack`);
    expect(sha256(new Uint8Array(await again.body()))).toBe(sha256(zip));

    // The risk page offers no editing, and the API refuses an edit all the same.
    await page.goto(riskPath);
    await expect(page.getByRole("main").getByRole("form")).toHaveCount(0);
    const edit = await page.request.patch(`/api/v1${riskPath}`, { data: { status: "closed" } });
    expect(edit.status()).toBe(403);
    await page.goto("/systems/new");
    await expect(page.getByText("Your role cannot register systems")).toBeVisible();
  });
});
