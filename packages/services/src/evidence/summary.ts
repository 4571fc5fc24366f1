import { ROLE_LABELS, type ChecklistStatus } from "@assay/core";
import type { ReleaseDecisionOutcome } from "@assay/db";
import { refFor } from "../registry/systems";
import { describePlanCheck } from "../reviews";
import type { PackData } from "./pack";

const OUTCOME_LABELS: Record<ReleaseDecisionOutcome, string> = {
  go: "Go",
  no_go: "No-go",
  go_with_conditions: "Go with conditions",
};

const STATUS_MARKS: Record<ChecklistStatus, string> = { pass: "PASS", fail: "FAIL", missing: "MISSING", stale: "STALE", waived: "WAIVED" };

/** Table cells must stay on one line and must not open a new column. */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  return String(value).replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

function table(head: string[], rows: Array<Array<string | number | null | undefined>>): string[] {
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

/** Dates as ISO UTC: the summary is part of the hashed pack and must not depend on the server's locale. */
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const formatValue = (value: number | null | undefined) => (value === null || value === undefined ? null : value.toFixed(3));

/** A human-readable account of the review; the JSON files hold the full records. */
export function renderSummary(data: PackData): string {
  const { system, version, review, users } = data;
  const name = (id: string) => refFor(users, id).name;
  const out: string[] = [];

  out.push(`# Evidence pack: ${review.title}`, "");
  out.push(`Release review \`${review.id}\` of **${system.name}**, version **${version.label}**.`);
  out.push(`Review owner: ${name(review.ownerId)}. Opened ${iso(review.createdAt)}. Status: ${review.status}.`, "");
  out.push(`Evidence hash (what sign-offs and the decision bind to): \`${data.evidenceHash}\``, "");

  out.push("## System", "");
  out.push(`- Name: ${system.name}`);
  out.push(`- Risk tier: ${system.riskTier}`);
  out.push(`- Lifecycle stage: ${system.lifecycleStage}`);
  out.push(`- Owners: ${system.ownerIds.length > 0 ? system.ownerIds.map(name).join(", ") : "none recorded"}`);
  out.push(`- Purpose: ${cell(system.purpose)}`);
  out.push(`- Intended use: ${cell(system.intendedUse)}`);
  out.push(`- Prohibited uses: ${cell(system.prohibitedUses)}`, "");

  out.push("## Model version", "");
  out.push(`- Label: ${version.label}`);
  out.push(`- Type: ${version.modelType}`);
  out.push(`- Provider: ${cell(version.provider)}`);
  out.push(`- Artifact URI: ${cell(version.artifactUri)}`);
  out.push(`- Commit: ${cell(version.commitSha)}`, "");

  out.push("## Evaluation plan", "");
  const plan = data.currentPlanVersion;
  if (!plan) {
    out.push("This version has no evaluation plan.", "");
  } else {
    out.push(`Current plan version: ${plan.version} (of ${data.planVersions.length}). Each check's result is from the latest succeeded run on this plan version.`, "");
    const byCheck = new Map(data.evidenceSnapshot.checks.map((c) => [c.checkId, c.run]));
    out.push(
      ...table(
        ["Check", "Description", "Result", "Value", "Run"],
        plan.checks.map((c) => {
          const run = byCheck.get(c.id);
          return [c.id, describePlanCheck(c), run ? (run.passed ? "PASS" : "FAIL") : "NOT RUN", formatValue(run?.value), run?.runId];
        }),
      ),
      "",
    );
  }

  out.push("## Runs", "");
  if (data.runs.length === 0) {
    out.push("No evaluation runs on this version.", "");
  } else {
    out.push(
      ...table(
        ["Run", "Status", "Plan version", "Dataset SHA-256", "Code version", "Finished", "Checks passed"],
        data.runs.map((r) => [
          `runs/${r.id}.json`,
          r.status + (r.error ? ` (${r.error})` : ""),
          r.planVersion.version,
          r.datasetSha256,
          r.codeVersion,
          iso(r.finishedAt),
          r.checkResults.length > 0 ? `${r.checkResults.filter((c) => c.passed).length} of ${r.checkResults.length}` : null,
        ]),
      ),
      "",
    );
  }

  out.push("## Risks", "");
  if (data.risks.length === 0) {
    out.push("No risks recorded for this system.", "");
  } else {
    out.push(
      ...table(
        ["Statement", "Severity", "Likelihood × impact", "Status", "Owner", "Due", "Scope"],
        data.risks.map((r) => [
          r.statement,
          r.severity,
          `${r.likelihood} × ${r.impact}`,
          r.status,
          name(r.ownerId),
          r.dueDate ? r.dueDate.toISOString().slice(0, 10) : null,
          r.modelVersionId === null ? "whole system" : r.modelVersionId === version.id ? `version ${version.label}` : "another version",
        ]),
      ),
      "",
    );
  }

  out.push("## Production monitoring", "");
  if (data.monitors.length === 0) {
    out.push("This version has no production monitor.", "");
  } else {
    out.push(
      ...table(
        ["Monitor", "Cadence", "Status", "Windows evaluated", "Latest window", "Dataset drift (Evidently rule / corrected)"],
        data.monitors.map(({ monitor, windows, latestReport }) => {
          const drift = latestReport?.window.results.drift;
          return [
            monitor.name,
            monitor.cadence,
            monitor.status,
            windows.length,
            latestReport ? iso(latestReport.window.start) : null,
            drift ? `${drift.evidently.drift ? "drift" : "no drift"} / ${drift.corrected.drift ? "drift" : "no drift"}` : null,
          ];
        }),
      ),
      "",
      "Each monitor's file under monitors/ holds its configuration and windows; the latest window's drift report is there as Markdown and PDF.",
      "",
    );
  }

  out.push("## Checklist", "");
  out.push(data.checklist.cleared ? "All items pass." : `${data.checklist.blockers.length} item(s) block a go decision.`, "");
  for (const item of data.checklist.items) out.push(`- ${STATUS_MARKS[item.status]}: ${item.label}. ${cell(item.detail)}`);
  out.push("");

  out.push("## Sign-offs", "");
  out.push(`Required roles: ${review.requiredSignoffRoles.map((r) => ROLE_LABELS[r]).join(", ")}.`, "");
  if (data.signOffs.length === 0) {
    out.push("No sign-offs yet.", "");
  } else {
    out.push(
      ...table(
        ["Role", "Signed by", "When", "State", "Evidence hash", "Comment"],
        data.signOffs.map((s) => [
          ROLE_LABELS[s.role],
          s.user.name,
          iso(s.createdAt),
          s.superseded ? "superseded" : s.stale ? "STALE (evidence changed since signing)" : "current",
          s.evidenceHash,
          s.comment,
        ]),
      ),
      "",
    );
  }

  out.push("## Decision", "");
  const decision = data.decision;
  if (!decision) {
    out.push("No decision has been recorded.", "");
  } else {
    out.push(`- Outcome: **${OUTCOME_LABELS[decision.outcome]}**`);
    out.push(`- Decided by: ${name(decision.decidedById)} at ${iso(decision.createdAt)}`);
    out.push(`- Rationale: ${cell(decision.rationale)}`);
    if (decision.conditions) out.push(`- Conditions: ${cell(decision.conditions)}`);
    out.push(
      `- Evidence hash at decision: \`${decision.evidenceHash}\`` +
        (decision.evidenceHash === data.evidenceHash ? " (unchanged since)" : " (the evidence has changed since the decision)"),
      "",
    );
  }

  out.push("## Audit events", "");
  out.push(`audit-events.json holds the ${data.auditEvents.length} audit event(s) about the records in this pack, in chain order.`, "");

  out.push("## How to verify", "");
  out.push("1. Every file except manifest.json is listed in manifest.json with its SHA-256 and size. With `jq` installed, from the unzipped folder:", "");
  out.push("   ```sh");
  out.push(`   jq -r '.files[] | "\\(.sha256)  \\(.path)"' manifest.json | sha256sum -c -`);
  out.push("   ```", "");
  out.push("   Without `jq`, run `sha256sum <file>` for each file and compare with its entry in manifest.json.");
  out.push("2. The SHA-256 of manifest.json itself is recorded by Assay for every generated pack (see the `evidence_pack.generated` event of this review in the audit trail). Rebuilding the pack from unchanged records gives the same manifest.");
  out.push("3. `review.json` contains `evidenceSnapshot`; the SHA-256 of its canonical JSON (keys sorted, no whitespace) equals `evidenceHash`, and each sign-off records the evidence hash it was given against.");
  out.push(
    "4. Each audit event's `hash` is the SHA-256 of the canonical JSON of its fields `orgId, seq, actorId, action, entityType, entityId, before, after, createdAt, prevHash`; `prevHash` is the hash of the organisation's previous event. The pack holds only the events about these records, so gaps in `seq` are expected; Assay's audit trail page verifies the whole chain.",
  );
  out.push(
    "5. `audit-chain.json` is the unbroken stretch of the organisation's chain from the first of those events to the last: the events about these records in full, the others as links (seq, prevHash, hash). `pnpm assay audit verify --pack <this zip>` checks it offline and names the first broken link; compare its anchor and head hashes with any later copy of the chain.",
  );
  return `${out.join("\n")}\n`;
}
