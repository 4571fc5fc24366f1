"use client";

import { Button } from "@/components/ui";
import { FairnessCheckFields } from "./fairness-check-fields";
import type { Row, SuiteOption } from "./plan-rows";
import { SafetyCheckFields, type CategoryOption } from "./safety-check-fields";

/**
 * The editable list of plan checks, one fieldset per row, as the plan editor
 * and a mitigation's acceptance criteria both show it. The caller owns the
 * rows; `noun` names them in labels ("check", "acceptance check").
 */
export function CheckRowList({ rows, ids, prefix, noun, lastRowHint, rowErrors, tiersOpen, sensitiveAttributes, suites, categories, onReplace, onIdChange, onRemove }: {
  rows: Row[];
  /** Each row's resolved id (typed, or generated), in row order. */
  ids: string[];
  prefix: string;
  noun: string;
  /** Why the last row cannot be removed. */
  lastRowHint: string;
  /** Problems per row key, shown under the row once the form was submitted. */
  rowErrors: ReadonlyMap<number, string[]> | undefined;
  /** Row keys whose tier bands start open; fixed at mount by the caller. */
  tiersOpen: ReadonlySet<number>;
  sensitiveAttributes: string[];
  suites: SuiteOption[];
  categories: CategoryOption[];
  onReplace: (next: Row) => void;
  onIdChange: (key: number, customId: string) => void;
  onRemove: (key: number) => void;
}) {
  return (
    <ol className="space-y-3">
      {rows.map((row, i) => {
        const errors = rowErrors?.get(row.key);
        const fid = (name: string) => `${prefix}-${row.key}-${name}`;
        const removeButton = (
          <Button variant="secondary" disabled={rows.length === 1} onClick={() => onRemove(row.key)}
            aria-label={`Remove ${noun} ${i + 1}`} title={rows.length === 1 ? lastRowHint : undefined}>
            Remove
          </Button>
        );
        return (
          <li key={row.key}>
            <fieldset className="rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-medium text-slate-800">
                Check {i + 1} <span className="font-normal text-slate-500">· {row.kind}</span>
              </legend>
              {row.kind === "fairness" ? (
                <FairnessCheckFields row={row} id={ids[i] ?? ""} fid={fid} sensitiveAttributes={sensitiveAttributes} tiersOpen={tiersOpen.has(row.key)}
                  onChange={onReplace} onIdChange={(id) => onIdChange(row.key, id)} removeButton={removeButton} />
              ) : (
                <SafetyCheckFields row={row} id={ids[i] ?? ""} fid={fid} suites={suites} categories={categories}
                  onChange={onReplace} onIdChange={(id) => onIdChange(row.key, id)} removeButton={removeButton} />
              )}
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
  );
}
