import type { ChecklistItem } from "@assay/core";
import Link from "next/link";

export type RiskRef = { id: string; statement: string };

const link = "text-brand-700 hover:underline";

/** Where a checklist item can be acted on: the plan, the run, the risk, the monitor, the hold, the sign-off panel; and the exception waiving it. */
export function ChecklistItemLinks({ item, versionId, reviewHref, risks }: {
  item: ChecklistItem;
  versionId: string;
  reviewHref: string;
  risks: RiskRef[];
}) {
  const exception = item.ref?.exceptionId ? (
    <Link className={link} href={`/exceptions?status=all#exception-${item.ref.exceptionId}`}>
      {item.ref.exceptionExpired ? "Expired exception" : "Exception"}
    </Link>
  ) : null;
  return (
    <div className="space-y-0.5">
      <ItemLink item={item} versionId={versionId} reviewHref={reviewHref} risks={risks} />
      {exception && <div>{exception}</div>}
    </div>
  );
}

function ItemLink({ item, versionId, reviewHref, risks }: { item: ChecklistItem; versionId: string; reviewHref: string; risks: RiskRef[] }) {
  switch (item.kind) {
    case "plan":
      return <Link className={link} href={`/versions/${versionId}#plan`}>Evaluation plan</Link>;
    case "evaluation":
    case "check":
      return item.ref?.runId ? (
        <Link className={link} href={`/runs/${item.ref.runId}`}>Run results</Link>
      ) : (
        <Link className={link} href={`/versions/${versionId}#${item.kind === "evaluation" ? "plan" : "runs"}`}>
          {item.kind === "evaluation" ? "Evaluation plan" : "Runs of this version"}
        </Link>
      );
    case "monitor": {
      const ids = item.ref?.monitorIds ?? [];
      return ids.length === 1 ? (
        <Link className={link} href={`/monitors/${ids[0]}`}>Monitor</Link>
      ) : (
        <Link className={link} href={`/versions/${versionId}#monitors`}>Monitors of this version</Link>
      );
    }
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
    case "documentation":
      return <Link className={link} href={`/versions/${versionId}`}>System and version details</Link>;
    case "hold":
      return <Link className={link} href={`${reviewHref}#holds`}>Holds</Link>;
    case "signoff":
      return <Link className={link} href={`${reviewHref}#signoffs`}>Sign-offs</Link>;
  }
}
