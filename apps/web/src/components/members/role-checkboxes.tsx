"use client";

import { ROLE_LABELS, ROLES, type Role } from "@assay/core";

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "members and settings",
  scientist: "registers systems, plans and runs evaluations, raises risks",
  product_owner: "owns releases, opens reviews, decides go or no-go",
  approver: "signs off reviews",
  auditor: "reads everything and downloads evidence, changes nothing",
};

/** A group of role checkboxes with a legend, so screen readers announce whose roles they are. */
export function RoleCheckboxes({ legend, value, onChange, disabled, idPrefix, showDescriptions = false, legendHidden = false }: {
  legend: string;
  value: Role[];
  onChange: (roles: Role[]) => void;
  disabled?: boolean;
  idPrefix: string;
  showDescriptions?: boolean;
  legendHidden?: boolean;
}) {
  return (
    <fieldset disabled={disabled}>
      <legend className={legendHidden ? "sr-only" : "mb-1 text-sm font-medium text-slate-700"}>{legend}</legend>
      <div className={showDescriptions ? "space-y-1" : "flex flex-wrap gap-x-4 gap-y-1"}>
        {ROLES.map((role) => {
          const id = `${idPrefix}-${role}`;
          return (
            <div key={role} className="flex items-start gap-1.5 text-sm">
              <input id={id} type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600"
                checked={value.includes(role)}
                onChange={(e) => onChange(e.target.checked ? ROLES.filter((r) => r === role || value.includes(r)) : value.filter((r) => r !== role))} />
              <label htmlFor={id} className="text-slate-800">
                {ROLE_LABELS[role]}
                {showDescriptions && <span className="text-slate-500"> — {ROLE_DESCRIPTIONS[role]}</span>}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
