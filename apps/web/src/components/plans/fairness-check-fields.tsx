"use client";

import { RATE_METRIC_LABELS, RATE_METRICS, type RateMetric, type RiskTier } from "@assay/core";
import type { ReactNode } from "react";
import { Field, inputClass } from "@/components/ui";
import { RISK_TIER_LABELS, RISK_TIERS } from "@/components/registry/labels";
import { BAND_HINTS, DEFAULT_BANDS, defaultTierBands, type BandType, type FairnessRow, type TierBandRow } from "./plan-rows";

/** The inputs of one fairness check of the plan editor: a band on a group metric, optionally per risk tier. */
export function FairnessCheckFields({ row, id, fid, sensitiveAttributes, tiersOpen, onChange, onIdChange, removeButton }: {
  row: FairnessRow;
  /** The row's resolved id (typed, or generated). */
  id: string;
  fid: (name: string) => string;
  sensitiveAttributes: string[];
  /** Whether the tier bands start open; fixed at mount by the editor. */
  tiersOpen: boolean;
  onChange: (next: FairnessRow) => void;
  onIdChange: (id: string) => void;
  removeButton: ReactNode;
}) {
  const update = (patch: Partial<Omit<FairnessRow, "kind" | "key">>) => onChange({ ...row, ...patch });
  const unknownAttribute = sensitiveAttributes.length > 0 && row.attribute !== "" && !sensitiveAttributes.includes(row.attribute);
  const changeBandType = (bandType: BandType) => {
    const band = DEFAULT_BANDS[bandType];
    // Ratio and difference bounds live on different scales, so carry-over values would be meaningless.
    // The same goes for tier bands, which share the check's type; which tiers are ticked is kept.
    const tierBands = defaultTierBands(bandType);
    for (const tier of RISK_TIERS) tierBands[tier].enabled = row.tierBands[tier].enabled;
    update({ bandType, min: String(band.min), max: String(band.max), tierBands });
  };
  const updateTier = (tier: RiskTier, patch: Partial<TierBandRow>) =>
    update({ tierBands: { ...row.tierBands, [tier]: { ...row.tierBands[tier], ...patch } } });

  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Check id" htmlFor={fid("id")} hint={row.customId === null ? "Generated from metric and attribute." : undefined}>
          <input id={fid("id")} className={inputClass + " font-mono"} value={id} maxLength={80} onChange={(e) => onIdChange(e.target.value)} />
        </Field>
        <Field label="Metric" htmlFor={fid("metric")}>
          <select id={fid("metric")} className={inputClass} value={row.metric} onChange={(e) => update({ metric: e.target.value as RateMetric })}>
            {RATE_METRICS.map((m) => <option key={m} value={m}>{RATE_METRIC_LABELS[m]}</option>)}
          </select>
        </Field>
        <Field label="Sensitive attribute" htmlFor={fid("attribute")}
          error={unknownAttribute ? "Not a sensitive column of this version's datasets." : undefined}>
          {sensitiveAttributes.length > 0 ? (
            <select id={fid("attribute")} className={inputClass} value={row.attribute} onChange={(e) => update({ attribute: e.target.value })}>
              <option value="">Choose…</option>
              {sensitiveAttributes.map((a) => <option key={a} value={a}>{a}</option>)}
              {unknownAttribute && <option value={row.attribute}>{row.attribute} (not in data)</option>}
            </select>
          ) : (
            <input id={fid("attribute")} className={inputClass} value={row.attribute} placeholder="e.g. race"
              onChange={(e) => update({ attribute: e.target.value })} />
          )}
        </Field>
        <Field label="Reference group (optional)" htmlFor={fid("ref")} hint="Defaults to the largest group.">
          <input id={fid("ref")} className={inputClass} value={row.referenceGroup} onChange={(e) => update({ referenceGroup: e.target.value })} />
        </Field>
        <Field label="Band type" htmlFor={fid("band")} hint={BAND_HINTS[row.bandType]}>
          <select id={fid("band")} className={inputClass} value={row.bandType} onChange={(e) => changeBandType(e.target.value as BandType)}>
            <option value="ratio">Ratio</option>
            <option value="difference">Difference</option>
          </select>
        </Field>
        <Field label="Lower bound" htmlFor={fid("min")}>
          <input id={fid("min")} type="number" step="any" inputMode="decimal" className={inputClass} value={row.min}
            onChange={(e) => update({ min: e.target.value })} />
        </Field>
        <Field label="Upper bound" htmlFor={fid("max")}>
          <input id={fid("max")} type="number" step="any" inputMode="decimal" className={inputClass} value={row.max}
            onChange={(e) => update({ max: e.target.value })} />
        </Field>
        <div className="flex items-end">{removeButton}</div>
      </div>
      <details className="mt-3 text-sm" open={tiersOpen || undefined}>
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
                  <input id={fid(`tier-${tier}`)} type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={t.enabled}
                    onChange={(e) => updateTier(tier, { enabled: e.target.checked })} />
                  <label htmlFor={fid(`tier-${tier}`)} className="text-slate-700">Own band for {label} tier</label>
                </div>
                {/* Rendered only when ticked: hidden inputs would still match label look-ups such as "Lower bound". */}
                {t.enabled && (
                  <>
                    <Field label={`${label} lower bound`} htmlFor={fid(`tier-${tier}-min`)}>
                      <input id={fid(`tier-${tier}-min`)} type="number" step="any" inputMode="decimal" className={inputClass} value={t.min}
                        onChange={(e) => updateTier(tier, { min: e.target.value })} />
                    </Field>
                    <Field label={`${label} upper bound`} htmlFor={fid(`tier-${tier}-max`)}>
                      <input id={fid(`tier-${tier}-max`)} type="number" step="any" inputMode="decimal" className={inputClass} value={t.max}
                        onChange={(e) => updateTier(tier, { max: e.target.value })} />
                    </Field>
                  </>
                )}
              </div>
            );
          })}
        </div>
      </details>
    </>
  );
}
