import { ROLE_LABELS, type Role } from "@assay/core";
import type { ReviewDetail, SignOffView } from "@assay/services";
import { Badge, formatDate } from "@/components/ui";
import { SignOffForm } from "./signoff-form";

/** Required roles with who signed, when, and whether the evidence has changed since. */
export function SignOffPanel({ review, holders, signableRoles }: {
  review: ReviewDetail;
  /** Names of the members who hold each role. */
  holders: Record<Role, string[]>;
  /** Required roles the current user may sign as while the review is open. */
  signableRoles: Role[];
}) {
  const latest = new Map<Role, SignOffView>();
  for (const s of review.signOffs) if (!s.superseded) latest.set(s.role, s);
  const history = review.signOffs.filter((s) => s.superseded);

  return (
    <div className="space-y-4">
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {review.requiredSignoffRoles.map((role) => {
          const signed = latest.get(role);
          return (
            <li key={role} className="space-y-2 px-3 py-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="font-semibold text-slate-900">{ROLE_LABELS[role]}</h3>
                {!signed && <Badge tone="warn">Not signed</Badge>}
                {signed && !signed.stale && <Badge tone="good">Signed</Badge>}
                {signed?.stale && <Badge tone="warn">Stale: the evidence changed after signing</Badge>}
              </div>
              {signed ? (
                <p className="text-slate-700">
                  {signed.user.name} signed on {formatDate(signed.createdAt)}
                  {signed.comment && <>: <q className="italic">{signed.comment}</q></>}
                </p>
              ) : (
                <p className="text-slate-600">
                  {holders[role].length > 0 ? `Can sign: ${holders[role].join(", ")}.` : `No member holds the ${ROLE_LABELS[role]} role yet; an admin must grant it.`}
                </p>
              )}
              {signableRoles.includes(role) && <SignOffForm reviewId={review.id} role={role} again={Boolean(signed)} />}
            </li>
          );
        })}
      </ul>
      {history.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-700">Earlier sign-offs ({history.length})</summary>
          <ul className="mt-2 space-y-1 text-slate-600">
            {history.map((s) => (
              <li key={s.id}>
                {ROLE_LABELS[s.role]}: {s.user.name}, {formatDate(s.createdAt)}{s.comment && <> — <q>{s.comment}</q></>}
                {" "}<span className="font-mono text-xs" title="Evidence hash at signing">{s.evidenceHash.slice(0, 12)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
