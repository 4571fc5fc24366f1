"use client";

import { RATE_METRIC_LABELS, RATE_METRICS, type PlanCheck, type RateMetric, type RiskTier } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { RISK_TIER_LABELS, RISK_TIERS } from "@/components/registry/labels";
import { api, ApiError } from "@/lib/client-api";
import {
  BAND_HINTS,
  DEFAULT_BANDS,
  buildChecks,
  defaultTierBands,
  newRow,
  resolveIds,
  rowFromCheck,
  rowsSignature,
  type BandType,
  type Row,
  type TierBandRow,
} from "./plan-rows";

export function PlanEditor({ versionId, currentVersion, checks, sensitiveAttributes }: {
  versionId: string;
  /** 0 when the version has no plan yet. */
  currentVersion: number;
  checks: PlanCheck[];
  sensitiveAttributes: string[];
}) {
  const router = useRouter();
  const prefix = useId();
  const nextKey = useRef(0);
  const takeKey = () => (nextKey.current += 1);
  const [initialRows] = useState<Row[]>(() =>
    checks.length > 0 ? checks.map((c) => rowFromCheck(c, takeKey())) : [newRow(takeKey(), sensitiveAttributes[0] ?? "")],
  );
  const [rows, setRows] = useState<Row[]>(initialRows);
  // Loaded checks with tier bands start with that section open. Fixed at mount: a changing `open` prop would
  // collapse the section under the user's hand when they untick the last tier.
  const [tiersOpenAtLoad] = useState(() => new Set(initialRows.filter((r) => RISK_TIERS.some((t) => r.tierBands[t].enabled)).map((r) => r.key)));
  const [note, setNote] = useState("");
  const [submitted, setSubmitted] = useState(false);

  const save = useMutation({
    mutationFn: (body: { checks: PlanCheck[]; note: string; baseVersion: number }) =>
      api(`/api/v1/versions/${versionId}/plan`, { method: "PUT", body }),
    onSuccess: () => router.refresh(),
  });

  const ids = resolveIds(rows);
  const built = buildChecks(rows);
  const dirty = rowsSignature(rows) !== rowsSignature(initialRows) || note.trim() !== "";
  // 409: someone saved a newer version since this editor was loaded.
  const outdated = save.error instanceof ApiError && save.error.status === 409;
  const nextVersion = currentVersion + 1;

  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const changeBandType = (row: Row, bandType: BandType) => {
    const band = DEFAULT_BANDS[bandType];
    // Ratio and difference bounds live on different scales, so carry-over values would be meaningless.
    // The same goes for tier bands, which share the check's type; which tiers are ticked is kept.
    const tierBands = defaultTierBands(bandType);
    for (const tier of RISK_TIERS) tierBands[tier].enabled = row.tierBands[tier].enabled;
    update(row.key, { bandType, min: String(band.min), max: String(band.max), tierBands });
  };
  const updateTier = (row: Row, tier: RiskTier, patch: Partial<TierBandRow>) =>
    update(row.key, { tierBands: { ...row.tierBands, [tier]: { ...row.tierBands[tier], ...patch } } });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (built.rowErrors.size > 0 || built.planError) return;
    save.mutate({ checks: built.checks, note, baseVersion: currentVersion });
  };

  const fid = (row: Row, name: string) => `${prefix}-${row.key}-${name}`;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Evaluation plan editor">
      <p className="text-sm text-slate-600">
        {sensitiveAttributes.length > 0
          ? "Attributes are the sensitive columns of this version's datasets."
          : "No dataset has been uploaded for this version yet, so attributes are free text and are not checked against any data. Use the exact column names of the file you will upload; once a dataset exists, every check must use one of its sensitive columns."}
      </p>

      <ol className="space-y-3">
        {rows.map((row, i) => {
          const errors = submitted ? built.rowErrors.get(row.key) : undefined;
          const unknownAttribute = sensitiveAttributes.length > 0 && row.attribute !== "" && !sensitiveAttributes.includes(row.attribute);
          return (
            <li key={row.key}>
              <fieldset className="rounded-md border border-slate-200 p-3">
                <legend className="px-1 text-sm font-medium text-slate-800">Check {i + 1}</legend>
                <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
                  <Field label="Check id" htmlFor={fid(row, "id")} hint={row.customId === null ? "Generated from metric and attribute." : undefined}>
                    <input id={fid(row, "id")} className={inputClass + " font-mono"} value={ids[i] ?? ""} maxLength={80}
                      onChange={(e) => update(row.key, { customId: e.target.value })} />
                  </Field>
                  <Field label="Metric" htmlFor={fid(row, "metric")}>
                    <select id={fid(row, "metric")} className={inputClass} value={row.metric} onChange={(e) => update(row.key, { metric: e.target.value as RateMetric })}>
                      {RATE_METRICS.map((m) => <option key={m} value={m}>{RATE_METRIC_LABELS[m]}</option>)}
                    </select>
                  </Field>
                  <Field label="Sensitive attribute" htmlFor={fid(row, "attribute")}
                    error={unknownAttribute ? "Not a sensitive column of this version's datasets." : undefined}>
                    {sensitiveAttributes.length > 0 ? (
                      <select id={fid(row, "attribute")} className={inputClass} value={row.attribute} onChange={(e) => update(row.key, { attribute: e.target.value })}>
                        <option value="">Choose…</option>
                        {sensitiveAttributes.map((a) => <option key={a} value={a}>{a}</option>)}
                        {unknownAttribute && <option value={row.attribute}>{row.attribute} (not in data)</option>}
                      </select>
                    ) : (
                      <input id={fid(row, "attribute")} className={inputClass} value={row.attribute} placeholder="e.g. race"
                        onChange={(e) => update(row.key, { attribute: e.target.value })} />
                    )}
                  </Field>
                  <Field label="Reference group (optional)" htmlFor={fid(row, "ref")} hint="Defaults to the largest group.">
                    <input id={fid(row, "ref")} className={inputClass} value={row.referenceGroup} onChange={(e) => update(row.key, { referenceGroup: e.target.value })} />
                  </Field>
                  <Field label="Band type" htmlFor={fid(row, "band")} hint={BAND_HINTS[row.bandType]}>
                    <select id={fid(row, "band")} className={inputClass} value={row.bandType} onChange={(e) => changeBandType(row, e.target.value as BandType)}>
                      <option value="ratio">Ratio</option>
                      <option value="difference">Difference</option>
                    </select>
                  </Field>
                  <Field label="Lower bound" htmlFor={fid(row, "min")}>
                    <input id={fid(row, "min")} type="number" step="any" inputMode="decimal" className={inputClass} value={row.min}
                      onChange={(e) => update(row.key, { min: e.target.value })} />
                  </Field>
                  <Field label="Upper bound" htmlFor={fid(row, "max")}>
                    <input id={fid(row, "max")} type="number" step="any" inputMode="decimal" className={inputClass} value={row.max}
                      onChange={(e) => update(row.key, { max: e.target.value })} />
                  </Field>
                  <div className="flex items-end">
                    <Button variant="secondary" disabled={rows.length === 1} onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}
                      aria-label={`Remove check ${i + 1}`} title={rows.length === 1 ? "A plan needs at least one check." : undefined}>
                      Remove
                    </Button>
                  </div>
                </div>
                <details className="mt-3 text-sm" open={tiersOpenAtLoad.has(row.key) || undefined}>
                  <summary className="cursor-pointer font-medium text-slate-700">Bands per risk tier (optional)</summary>
                  <p className="mt-1 text-xs text-slate-500">
                    A system of a ticked tier is judged by that tier&apos;s band ({row.bandType}) instead of the band above.
                  </p>
                  <div className="mt-2 space-y-2">
                    {RISK_TIERS.map((tier) => {
                      const t = row.tierBands[tier];
                      const label = RISK_TIER_LABELS[tier];
                      return (
                        <div key={tier} className="grid items-end gap-3 sm:grid-cols-3">
                          <div className="flex items-center gap-2 sm:pb-2">
                            <input id={fid(row, `tier-${tier}`)} type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={t.enabled}
                              onChange={(e) => updateTier(row, tier, { enabled: e.target.checked })} />
                            <label htmlFor={fid(row, `tier-${tier}`)} className="text-slate-700">Own band for {label} tier</label>
                          </div>
                          {/* Rendered only when ticked: hidden inputs would still match label look-ups such as "Lower bound". */}
                          {t.enabled && (
                            <>
                              <Field label={`${label} lower bound`} htmlFor={fid(row, `tier-${tier}-min`)}>
                                <input id={fid(row, `tier-${tier}-min`)} type="number" step="any" inputMode="decimal" className={inputClass} value={t.min}
                                  onChange={(e) => updateTier(row, tier, { min: e.target.value })} />
                              </Field>
                              <Field label={`${label} upper bound`} htmlFor={fid(row, `tier-${tier}-max`)}>
                                <input id={fid(row, `tier-${tier}-max`)} type="number" step="any" inputMode="decimal" className={inputClass} value={t.max}
                                  onChange={(e) => updateTier(row, tier, { max: e.target.value })} />
                              </Field>
                            </>
                          )}
                        </div>
                      );
                    })}
                  </div>
                </details>
                {errors && (
                  <ul role="alert" className="mt-2 list-disc pl-5 text-xs text-red-700">
                    {errors.map((m) => <li key={m}>{m}</li>)}
                  </ul>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>

      <Button variant="secondary" onClick={() => setRows((rs) => [...rs, newRow(takeKey(), sensitiveAttributes[0] ?? "")])}>Add check</Button>

      <Field label="Change note (optional)" htmlFor={`${prefix}-note`} hint="Why this version? Shown in the history.">
        <textarea id={`${prefix}-note`} className={inputClass} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>

      {submitted && built.planError && <ErrorMessage>{built.planError}</ErrorMessage>}
      <ErrorMessage>{save.error?.message}</ErrorMessage>
      {outdated && <Button variant="secondary" onClick={() => router.refresh()}>Load the latest plan (discards your edits)</Button>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : `Save as version ${nextVersion}`}</Button>
        <Button variant="secondary" disabled={!dirty || save.isPending}
          onClick={() => { setRows(initialRows); setNote(""); setSubmitted(false); save.reset(); }}>
          Discard changes
        </Button>
      </div>
    </form>
  );
}
