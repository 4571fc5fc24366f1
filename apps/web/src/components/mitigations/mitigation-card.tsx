import { describeAcceptanceCheck, type PlanCheck } from "@assay/core";
import type { MitigationDto } from "@assay/services";
import Link from "next/link";
import type { SuiteOption } from "@/components/plans/plan-rows";
import type { CategoryOption } from "@/components/plans/safety-check-fields";
import { dateInputValue } from "@/components/risks/labels";
import type { MemberOption } from "@/components/risks/risk-fields";
import { Badge, DefinitionList, formatDate, formatDay } from "@/components/ui";
import { MITIGATION_STATUS_LABELS, MITIGATION_STATUS_TONES, MITIGATION_TYPE_LABELS } from "./labels";
import { MitigationForm } from "./mitigation-form";
import { VerificationTable } from "./verification-table";
import { VerifyControl, type VersionOption } from "./verify-control";

export type MitigationEditing = {
  members: MemberOption[];
  sensitiveAttributes: string[];
  suites: SuiteOption[];
  categories: CategoryOption[];
  versions: VersionOption[];
};

function AcceptanceChecks({ checks }: { checks: PlanCheck[] }) {
  return (
    <ul className="space-y-1 text-sm">
      {checks.map((c) => (
        <li key={c.id} className="flex flex-wrap items-baseline gap-2">
          <Badge tone="neutral">{c.kind}</Badge>
          <span>{describeAcceptanceCheck(c)}</span>
          <span className="font-mono text-xs text-slate-500">{c.id}</span>
        </li>
      ))}
    </ul>
  );
}

/** One mitigation: what it is, its acceptance checks, its verification before and after, and (for editors) verify and edit. */
export function MitigationCard({ mitigation: m, index, editing }: { mitigation: MitigationDto; index: number; editing: MitigationEditing | null }) {
  const headingId = `mitigation-${m.id}`;
  return (
    <article aria-labelledby={headingId} className="space-y-4 rounded-md border border-slate-200 p-4">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={headingId} className="text-sm font-semibold text-slate-900">
            Mitigation {index + 1}: {MITIGATION_TYPE_LABELS[m.type]}
          </h3>
          <p className="mt-0.5 whitespace-pre-wrap text-sm text-slate-700">{m.description}</p>
        </div>
        <div className="flex items-center gap-2">
          <Badge tone={MITIGATION_STATUS_TONES[m.status]}>{MITIGATION_STATUS_LABELS[m.status]}</Badge>
          {m.overdue && <Badge tone="bad">Overdue</Badge>}
        </div>
      </header>

      <DefinitionList
        items={[
          { term: "Owner", value: m.owner.name },
          { term: "Due", value: formatDay(m.dueDate) },
          { term: "Baseline (before)", value: m.baselineVersion ? <Link className="text-brand-700 hover:underline" href={`/versions/${m.baselineVersion.id}`}>{m.baselineVersion.label}</Link> : "None: the risk predates the system's versions" },
          {
            term: "Last verification",
            value: m.verifiedVersion && m.verifiedAt ? (
              <>
                On <Link className="text-brand-700 hover:underline" href={`/versions/${m.verifiedVersion.id}`}>{m.verifiedVersion.label}</Link>, {formatDate(m.verifiedAt)}:{" "}
                {m.status === "verified" ? "passed" : m.status === "failed" ? "failed" : "superseded"}
              </>
            ) : "Not verified yet",
          },
        ]}
      />

      <section aria-label={`Acceptance checks of mitigation ${index + 1}`} className="space-y-1">
        <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">Acceptance checks</h4>
        <AcceptanceChecks checks={m.acceptanceChecks} />
      </section>

      {m.verification && (
        <section aria-label={`Verification of mitigation ${index + 1}`} className="space-y-2">
          <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">
            Before and after · {m.verification.baseline ? `${m.verification.baseline.label} → ` : ""}{m.verification.version.label}
          </h4>
          <VerificationTable verification={m.verification} checks={m.acceptanceChecks} />
        </section>
      )}

      {editing && (
        <>
          <VerifyControl mitigationId={m.id} versions={editing.versions} baselineLabel={m.baselineVersion?.label ?? null} />
          <details className="text-sm">
            <summary className="cursor-pointer font-medium text-brand-700">Edit mitigation {index + 1}</summary>
            <div className="mt-3">
              <MitigationForm
                riskId={m.riskId}
                mitigationId={m.id}
                initial={{ type: m.type, description: m.description, ownerId: m.ownerId, dueDate: dateInputValue(m.dueDate), status: m.status, checks: m.acceptanceChecks }}
                members={editing.members}
                sensitiveAttributes={editing.sensitiveAttributes}
                suites={editing.suites}
                categories={editing.categories}
                defaultKind={m.acceptanceChecks[0]?.kind ?? "fairness"}
              />
            </div>
          </details>
        </>
      )}
    </article>
  );
}
