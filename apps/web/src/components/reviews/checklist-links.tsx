import type { ChecklistItem } from "@assay/core";
import Link from "next/link";

export type RiskRef = { id: string; statement: string };

/** Where a checklist item can be acted on: the plan, the run, the risk or the sign-off panel. */
export function ChecklistItemLinks({ item, versionId, reviewHref, risks }: {
  item: ChecklistItem;
  versionId: string;
  reviewHref: string;
  risks: RiskRef[];
}) {
  const link = "text-brand-700 hover:underline";
  switch (item.kind) {
    case "plan":
      return <Link className={link} href={`/versions/${versionId}#plan`}>Evaluation plan</Link>;
    case "check":
      return item.ref?.runId ? (
        <Link className={link} href={`/runs/${item.ref.runId}`}>Run results</Link>
      ) : (
        <Link className={link} href={`/versions/${versionId}#runs`}>Runs of this version</Link>
      );
    case "risks": {
      const ids = item.ref?.riskIds ?? [];
      if (ids.length === 0) return <Link className={link} href={`/versions/${versionId}#risks`}>Risks of this version</Link>;
      const byId = new Map(risks.map((r) => [r.id, r]));
      return (
        <ul className="space-y-0.5">
          {ids.map((id) => (
            <li key={id}><Link className={link} href={`/risks/${id}`}>{byId.get(id)?.statement ?? "Open risk"}</Link></li>
          ))}
        </ul>
      );
    }
    case "signoff":
      return <Link className={link} href={`${reviewHref}#signoffs`}>Sign-offs</Link>;
  }
}
