"use client";

import { REQUIRED_EVALUATION_LABELS, REQUIRED_EVALUATIONS, RISK_TIERS, ROLE_LABELS, type RiskTier, type TierPolicy } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { RISK_TIER_LABELS } from "@/components/registry/labels";
import { TierBadge } from "@/components/registry/tier-badge";
import { Badge, Button, ErrorMessage, inputClass, Table, Td, Th } from "@/components/ui";
import { api, ApiError } from "@/lib/client-api";
import {
  changedPolicies,
  defaultDrafts,
  draftsFrom,
  policyApiErrors,
  policyWarnings,
  SIGNOFF_ROLES,
  toggle,
  type PolicyErrors,
  type PolicyField,
  type TierPolicyDraft,
} from "./tier-policy-draft";

export type TierPolicyRow = TierPolicy & { customised: boolean };

const checkboxClass = "h-4 w-4 rounded border-slate-300 accent-brand-600 disabled:opacity-60";

function Cell({ error, warning, children }: { error?: string; warning?: string; children: ReactNode }) {
  return (
    <Td className="text-center">
      <div className="flex flex-col items-center gap-1">
        {children}
        {error && <p className="max-w-[10rem] text-xs text-red-700" role="alert">{error}</p>}
        {!error && warning && <p className="max-w-[10rem] text-xs text-amber-800">{warning}</p>}
      </div>
    </Td>
  );
}

/**
 * What each risk tier requires: rows are requirements, columns the four tiers.
 * Admins tick and type in place and save; only tiers that changed are sent,
 * so the audit trail records real changes. Everyone else reads the same table.
 */
export function TierPolicyEditor({ initial, editable }: { initial: TierPolicyRow[]; editable: boolean }) {
  const router = useRouter();
  const prefix = useId();
  const [saved, setSaved] = useState<TierPolicyRow[]>(initial);
  const [drafts, setDrafts] = useState(() => draftsFrom(initial));
  const [localErrors, setLocalErrors] = useState<PolicyErrors>({});
  const [sent, setSent] = useState<TierPolicy[]>([]);
  const [savedCount, setSavedCount] = useState<number | null>(null);

  const save = useMutation({
    mutationFn: (policies: TierPolicy[]) => api<TierPolicyRow[]>("/api/v1/settings/tier-policies", { method: "PUT", body: { policies } }),
    onSuccess: (rows, policies) => {
      setSaved(rows);
      setDrafts(draftsFrom(rows));
      setSavedCount(policies.length);
      router.refresh();
    },
  });

  const pending = changedPolicies(drafts, saved);
  const dirty = "errors" in pending || pending.policies.length > 0;
  const serverErrors = save.error instanceof ApiError ? policyApiErrors(save.error.details, sent) : {};
  const errorOf = (tier: RiskTier, field: PolicyField) => localErrors[tier]?.[field] ?? serverErrors[tier]?.[field];
  const generalError =
    save.error instanceof ApiError && save.error.status === 403
      ? "Only admins change tier requirements."
      : save.error && Object.keys(serverErrors).length === 0
        ? save.error.message
        : Object.keys(localErrors).length > 0
          ? "Some values need attention; see the messages in the table."
          : null;

  const update = (tier: RiskTier, patch: Partial<TierPolicyDraft>) => {
    setDrafts((d) => ({ ...d, [tier]: { ...d[tier], ...patch } }));
    setLocalErrors({});
    setSavedCount(null);
    save.reset();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const result = changedPolicies(drafts, saved);
    if ("errors" in result) return setLocalErrors(result.errors);
    if (result.policies.length === 0) return;
    setSent(result.policies);
    save.mutate(result.policies);
  };

  const id = (tier: RiskTier, field: string) => `${prefix}-${tier}-${field}`;
  const label = (tier: RiskTier, what: string) => `${RISK_TIER_LABELS[tier]} tier: ${what}`;
  const disabled = !editable || save.isPending;

  const table = (
    <Table caption="Requirements per risk tier">
      <thead>
        <tr>
          <Th>Requirement</Th>
          {RISK_TIERS.map((tier) => (
            <Th key={tier} className="text-center">
              <span className="flex flex-col items-center gap-1">
                <TierBadge tier={tier} />
                {saved.find((p) => p.tier === tier)?.customised ? <Badge tone="info">Customised</Badge> : <span className="text-[11px] font-normal normal-case text-slate-500">Default</span>}
              </span>
            </Th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        <tr>
          <th scope="rowgroup" colSpan={5} className="bg-slate-50/60 px-3 py-1.5 text-left text-xs font-semibold text-slate-600">Evaluations a plan must include</th>
        </tr>
        {REQUIRED_EVALUATIONS.map((evaluation) => (
          <tr key={evaluation}>
            <th scope="row" className="px-3 py-2 text-left align-top font-medium text-slate-800">{REQUIRED_EVALUATION_LABELS[evaluation]}</th>
            {RISK_TIERS.map((tier) => (
              <Cell key={tier} error={evaluation === REQUIRED_EVALUATIONS[0] ? errorOf(tier, "requiredEvaluations") : undefined}>
                <input
                  type="checkbox"
                  className={checkboxClass}
                  aria-label={label(tier, REQUIRED_EVALUATION_LABELS[evaluation])}
                  checked={drafts[tier].requiredEvaluations.includes(evaluation)}
                  disabled={disabled}
                  onChange={(e) => update(tier, { requiredEvaluations: toggle(REQUIRED_EVALUATIONS, drafts[tier].requiredEvaluations, evaluation, e.target.checked) })}
                />
              </Cell>
            ))}
          </tr>
        ))}
      </tbody>
      <tbody className="divide-y divide-slate-100 border-t border-slate-200">
        <tr>
          <th scope="rowgroup" colSpan={5} className="bg-slate-50/60 px-3 py-1.5 text-left text-xs font-semibold text-slate-600">Roles that must sign a release review</th>
        </tr>
        {SIGNOFF_ROLES.map((role, index) => (
          <tr key={role}>
            <th scope="row" className="px-3 py-2 text-left align-top font-medium text-slate-800">{ROLE_LABELS[role]}</th>
            {RISK_TIERS.map((tier) => (
              <Cell key={tier} error={index === SIGNOFF_ROLES.length - 1 ? errorOf(tier, "requiredSignoffRoles") : undefined}>
                <input
                  type="checkbox"
                  className={checkboxClass}
                  aria-label={label(tier, `${ROLE_LABELS[role]} signs`)}
                  checked={drafts[tier].requiredSignoffRoles.includes(role)}
                  disabled={disabled}
                  onChange={(e) => update(tier, { requiredSignoffRoles: toggle(SIGNOFF_ROLES, drafts[tier].requiredSignoffRoles, role, e.target.checked) })}
                />
              </Cell>
            ))}
          </tr>
        ))}
      </tbody>
      <tbody className="divide-y divide-slate-100 border-t border-slate-200">
        <tr>
          <th scope="rowgroup" colSpan={5} className="bg-slate-50/60 px-3 py-1.5 text-left text-xs font-semibold text-slate-600">Review rules</th>
        </tr>
        <tr>
          <th scope="row" className="px-3 py-2 text-left align-top font-medium text-slate-800">
            Approver may not be an evaluator
            <span className="block text-xs font-normal text-slate-500">Separation of duties: whoever ran an evaluation cannot accept its residual risk.</span>
          </th>
          {RISK_TIERS.map((tier) => (
            <Cell key={tier} error={errorOf(tier, "approverNotEvaluator")} warning={policyWarnings(drafts[tier])[0]}>
              <input
                type="checkbox"
                className={checkboxClass}
                aria-label={label(tier, "approver may not be an evaluator")}
                checked={drafts[tier].approverNotEvaluator}
                disabled={disabled}
                onChange={(e) => update(tier, { approverNotEvaluator: e.target.checked })}
              />
            </Cell>
          ))}
        </tr>
        <tr>
          <th scope="row" className="px-3 py-2 text-left align-top font-medium text-slate-800">
            Review SLA (business days)
            <span className="block text-xs font-normal text-slate-500">From opening a review to its decision; 1 to 60.</span>
          </th>
          {RISK_TIERS.map((tier) => (
            <Cell key={tier} error={errorOf(tier, "reviewSlaBusinessDays")}>
              <input
                id={id(tier, "sla")}
                className={`${inputClass} w-20 text-center`}
                inputMode="numeric"
                aria-label={label(tier, "review SLA in business days")}
                aria-invalid={errorOf(tier, "reviewSlaBusinessDays") ? true : undefined}
                value={drafts[tier].reviewSlaBusinessDays}
                readOnly={!editable}
                disabled={save.isPending}
                onChange={(e) => update(tier, { reviewSlaBusinessDays: e.target.value })}
              />
            </Cell>
          ))}
        </tr>
        <tr>
          <th scope="row" className="px-3 py-2 text-left align-top font-medium text-slate-800">
            Longest exception (days)
            <span className="block text-xs font-normal text-slate-500">Exceptions that waive a gate expire within this; 1 to 365.</span>
          </th>
          {RISK_TIERS.map((tier) => (
            <Cell key={tier} error={errorOf(tier, "maxExceptionDays")}>
              <input
                id={id(tier, "exception")}
                className={`${inputClass} w-20 text-center`}
                inputMode="numeric"
                aria-label={label(tier, "longest exception in days")}
                aria-invalid={errorOf(tier, "maxExceptionDays") ? true : undefined}
                value={drafts[tier].maxExceptionDays}
                readOnly={!editable}
                disabled={save.isPending}
                onChange={(e) => update(tier, { maxExceptionDays: e.target.value })}
              />
            </Cell>
          ))}
        </tr>
      </tbody>
    </Table>
  );

  if (!editable) return table;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Tier requirements" className="space-y-4">
      {table}
      <ErrorMessage>{generalError}</ErrorMessage>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={!dirty || save.isPending}>{save.isPending ? "Saving…" : "Save requirements"}</Button>
        <Button variant="secondary" disabled={!dirty || save.isPending} onClick={() => { setDrafts(draftsFrom(saved)); setLocalErrors({}); save.reset(); }}>
          Discard changes
        </Button>
        <Button variant="ghost" disabled={save.isPending} onClick={() => { setDrafts(defaultDrafts()); setLocalErrors({}); setSavedCount(null); save.reset(); }}>
          Restore the defaults
        </Button>
        <p role="status" aria-live="polite" className="text-sm text-emerald-800">
          {savedCount !== null && `Saved ${savedCount} tier${savedCount === 1 ? "" : "s"}; each change is in the audit trail.`}
        </p>
      </div>
    </form>
  );
}
