import { expect, test } from "@playwright/test";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { unzipSync, strFromU8 } from "fflate";
import { DEMO_USERS, signIn } from "./support";

/**
 * The product manager's and the auditor's side of a launch review, on the
 * demo organisation: a review blocked by a failed fairness check and an open
 * risk, decided no-go, then downloaded as a tamper-evident evidence pack.
 */

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

test.describe.serial("release review", () => {
  let reviewPath: string;

  test("the product manager sees what blocks the launch and who must still sign", async ({ page }) => {
    await signIn(page, DEMO_USERS.productOwner);
    await page.goto("/readiness");
    await expect(page.getByRole("heading", { name: "Release readiness" })).toBeVisible();
    const reviewLink = page.getByRole("main").getByRole("link", { name: /review/i }).first();
    await reviewLink.click();
    await expect(page).toHaveURL(/\/reviews\/[^/]+$/);
    reviewPath = new URL(page.url()).pathname;

    const blockers = page.getByRole("region", { name: "What blocks this release" });
    await expect(blockers).toContainText(/items? stands? between this version and a go decision/);
    await expect(blockers).toContainText(/Still to sign: .*Approver/);
    // The failed false-positive-rate check and the risk raised from it are both named.
    await expect(blockers.getByText(/false positive rate/i).first()).toBeVisible();
    await expect(blockers.getByRole("link", { name: /risk/i }).first()).toBeVisible();

    // A go decision is refused while blockers stand; no-go is recorded with its rationale.
    const decision = page.getByRole("form", { name: "Record the decision" });
    await decision.getByLabel(/^Go\b/).check();
    await decision.getByLabel("Rationale").fill("Trying to ship despite the blockers.");
    await decision.getByRole("button", { name: /Record decision/ }).click();
    await expect(decision.getByRole("alert")).toContainText(/.+/);

    await decision.getByLabel(/No-go/).check();
    await decision.getByLabel("Rationale").fill("False positive rates differ by race beyond the plan's band; mitigate and re-run.");
    await decision.getByRole("button", { name: "Record decision: No-go" }).click();
    await expect(page.getByRole("region", { name: "Decision" })).toContainText("mitigate and re-run");
    await expect(page.getByRole("form", { name: "Record the decision" })).toHaveCount(0);
  });

  test("the auditor reads the review without any way to change it and downloads a pack whose hashes verify", async ({ page }) => {
    await signIn(page, DEMO_USERS.auditor);
    await page.goto(reviewPath);
    await expect(page.getByRole("region", { name: "Decision" })).toContainText("mitigate and re-run");
    await expect(page.getByRole("form")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /sign|decision|save|raise/i })).toHaveCount(0);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download evidence pack" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const zip = readFileSync(await download.path());
    const files = unzipSync(new Uint8Array(zip));
    const manifest = JSON.parse(strFromU8(files["manifest.json"]!)) as { files: Array<{ path: string; sha256: string; bytes: number }> };

    expect(manifest.files.length).toBeGreaterThan(3);
    for (const entry of manifest.files) {
      const content = files[entry.path];
      expect(content, entry.path).toBeDefined();
      expect(sha256(content!), entry.path).toBe(entry.sha256);
      expect(content!.length).toBe(entry.bytes);
    }
    // Every file in the archive is accounted for by the manifest.
    expect(Object.keys(files).sort()).toEqual([...manifest.files.map((f) => f.path), "manifest.json"].sort());
    const everything = manifest.files.map((f) => strFromU8(files[f.path]!)).join("\n");
    expect(everything).toContain("no_go");

    // The same evidence gives the same pack, byte for byte.
    const again = await page.request.get(`/api/v1${reviewPath}/evidence-pack`);
    expect(again.status()).toBe(200);
    expect(sha256(new Uint8Array(await again.body()))).toBe(sha256(new Uint8Array(zip)));
  });
});
