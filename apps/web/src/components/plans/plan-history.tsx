import type { PlanVersionDto } from "@assay/services";
import { formatDate } from "@/components/ui";
import { PlanChecksTable } from "./plan-checks-table";

/** Every plan version, newest first; each expands to the checks it held. */
export function PlanHistory({ history }: { history: PlanVersionDto[] }) {
  if (history.length === 0) return null;
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold text-slate-800">History</h3>
      <ol className="space-y-2">
        {history.map((v, i) => (
          <li key={v.id}>
            <details className="rounded-md border border-slate-200 bg-white">
              <summary className="cursor-pointer px-3 py-2 text-sm text-slate-800">
                <span className="font-medium">Version {v.version}</span>
                {i === 0 && <span className="ml-2 text-xs text-brand-700">(current)</span>}
                <span className="text-slate-600">
                  {" "}· {v.createdBy.name} · {formatDate(v.createdAt)} · {v.checks.length} {v.checks.length === 1 ? "check" : "checks"}
                </span>
                {v.note && <span className="block text-xs text-slate-600">{v.note}</span>}
              </summary>
              <div className="border-t border-slate-100 p-3">
                <PlanChecksTable checks={v.checks} caption={`Checks of plan version ${v.version}`} />
              </div>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
