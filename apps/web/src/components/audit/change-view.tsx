import { canonicalJson } from "@assay/core";
import { cx } from "@/components/ui";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function show(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2);
}

/**
 * Before and after of one audit event, field by field, changed fields marked.
 * Values that are not objects are shown whole.
 */
export function ChangeView({ before, after }: { before: unknown; after: unknown }) {
  if (!isRecord(before) && !isRecord(after)) {
    return (
      <dl className="grid gap-2 text-xs sm:grid-cols-2">
        <div><dt className="font-semibold text-slate-600">Before</dt><dd><pre className="whitespace-pre-wrap break-all">{before == null ? "—" : show(before)}</pre></dd></div>
        <div><dt className="font-semibold text-slate-600">After</dt><dd><pre className="whitespace-pre-wrap break-all">{after == null ? "—" : show(after)}</pre></dd></div>
      </dl>
    );
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return (
    <table className="w-full table-fixed text-xs">
      <caption className="sr-only">Fields before and after the change</caption>
      <thead>
        <tr className="text-left text-slate-600">
          <th scope="col" className="w-1/5 py-1 pr-2 font-semibold">Field</th>
          <th scope="col" className="w-2/5 py-1 pr-2 font-semibold">Before</th>
          <th scope="col" className="w-2/5 py-1 font-semibold">After</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top">
        {keys.map((key) => {
          const changed = canonicalJson(b[key]) !== canonicalJson(a[key]);
          return (
            <tr key={key} className={cx(changed && "bg-amber-50")}>
              <th scope="row" className="py-1 pr-2 text-left font-mono font-normal text-slate-700">
                {key}{changed && <span className="sr-only"> (changed)</span>}
              </th>
              <td className="py-1 pr-2"><pre className={cx("whitespace-pre-wrap break-all", changed && key in b && "text-red-800")}>{key in b ? show(b[key]) : "—"}</pre></td>
              <td className="py-1"><pre className={cx("whitespace-pre-wrap break-all", changed && key in a && "text-emerald-800")}>{key in a ? show(a[key]) : "—"}</pre></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
