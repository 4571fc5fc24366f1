import { can } from "@assay/core";
import { getModelVersion, listCampaigns, listSafetyRuns, listSuites, listTargets, type ServiceContext } from "@assay/services";
import Link from "next/link";
import type { ReactNode } from "react";
import { toJson } from "@/components/runs/serialize";
import { ButtonLink, Card, EmptyState, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";
import { CampaignListTable } from "./campaign-list-table";
import { NewCampaignForm } from "./campaign-new-form";
import { safetyRunRow, suiteVersionLabel, type SuiteOption } from "./version-safety-rows";
import { VersionSafetyRunsTable } from "./version-safety-runs-table";
import { StartSafetyRunForm, type BaselineOption, type TargetOption } from "./version-safety-start-form";

const link = "font-medium text-brand-700 hover:underline";

/** The start-run control for scientists: the form, or what is missing before a run can start. */
async function startControl(ctx: ServiceContext, versionId: string, systemId: string): Promise<ReactNode> {
  const [{ suites, builtins }, targets, orgRuns] = await Promise.all([listSuites(ctx), listTargets(ctx), listSafetyRuns(ctx)]);

  const suiteOptions: SuiteOption[] = suites
    .filter((s) => s.versions.length > 0)
    .map((s) => ({
      key: s.key,
      name: s.name,
      // Versions come newest first; the first is the latest.
      versions: s.versions.map((v, i) => ({ id: v.id, label: suiteVersionLabel(s.name, v, i === 0) })),
    }));
  if (suiteOptions.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No prompt suite is installed yet. <Link className={link} href="/safety">Install a built-in suite</Link>
        {builtins.length > 0 ? ` (${builtins.map((b) => b.name).join(", ")})` : ""} or import your own on the Safety page, then start a run here.
      </p>
    );
  }

  const usable = targets.filter((t) => t.modelVersionId === versionId || t.modelVersionId === null);
  if (usable.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No target can answer for this version yet. <Link className={link} href="/safety">Add a target</Link> (an OpenAI-compatible endpoint, or a file of
        offline responses) for this version or for any version, then start a run here.
      </p>
    );
  }
  const targetOptions: TargetOption[] = usable.map((t) => ({
    id: t.id,
    label: `${t.name} · ${t.kind === "offline" ? "offline responses" : (t.model ?? "chat completions")}${t.modelVersionId ? "" : " · any version"}`,
  }));
  const judgeOptions: TargetOption[] = targets
    .filter((t) => t.kind === "chat_completions")
    .map((t) => ({ id: t.id, label: `${t.name}${t.model ? ` (${t.model})` : ""}` }));
  const baselineOptions: BaselineOption[] = orgRuns
    .filter((r) => r.system.id === systemId && r.status === "succeeded")
    .map((r) => ({
      id: r.id,
      suiteKey: r.suite.key,
      label: `${r.modelVersion.label} · suite v${r.suite.version} · ${r.target.name} · ${formatDate(r.finishedAt ?? r.createdAt)}`,
    }));

  return <StartSafetyRunForm versionId={versionId} suites={suiteOptions} targets={targetOptions} judges={judgeOptions} baselines={baselineOptions} />;
}

/**
 * The GenAI safety work on a model version: its safety runs (with the start
 * form for scientists) and its red-team campaigns (with a new-campaign form
 * for the red team). Everyone reads both.
 */
export async function VersionSafetySection({ versionId }: { versionId: string }) {
  const ctx = await pageContext();
  const [version, runs, campaigns] = await Promise.all([
    getModelVersion(ctx, versionId),
    listSafetyRuns(ctx, { modelVersionId: versionId }),
    listCampaigns(ctx, { modelVersionId: versionId }),
  ]);
  const canStart = can(ctx.roles, "run.start");
  const canRedTeam = can(ctx.roles, "redteam.write");
  const start = canStart ? await startControl(ctx, versionId, version.system.id) : null;
  const succeeded = runs.filter((r) => r.status === "succeeded").length;

  return (
    <div className="space-y-8">
      <Card title="Safety runs" actions={succeeded > 0 ? <ButtonLink variant="ghost" href="/safety/compare">Compare safety runs</ButtonLink> : undefined}>
        <div className="space-y-4">
          {start && <div className="border-b border-slate-100 pb-4">{start}</div>}
          {runs.length === 0 ? (
            <EmptyState title="No safety runs yet">
              {canStart
                ? "Start a run to send a prompt suite to this version and grade its responses for attacks that succeed, over-refusal, leaks and policy violations."
                : "A scientist starts safety runs once a suite and a target exist; their results will appear here."}
            </EmptyState>
          ) : (
            <VersionSafetyRunsTable versionId={versionId} initialRuns={toJson(runs).map(safetyRunRow)} />
          )}
        </div>
      </Card>

      <Card title="Red-team campaigns" actions={<Link href="/redteam" className="text-sm text-brand-700 hover:underline">All campaigns</Link>}>
        <div className="space-y-4">
          {canRedTeam && <NewCampaignForm versionId={versionId} />}
          {campaigns.length === 0 ? (
            <EmptyState title="No campaigns yet">
              {canRedTeam
                ? "Open a campaign to log manual attacks on this version; successful ones can become regression tests and risks."
                : "The red team logs its manual attacks on this version in campaigns; they will appear here."}
            </EmptyState>
          ) : (
            <CampaignListTable campaigns={campaigns} showVersion={false} caption="Red-team campaigns on this version, newest first" />
          )}
        </div>
      </Card>
    </div>
  );
}
