/**
 * The column mapping of an upload and the checks the server applies to it
 * (datasetMappingSchema in the services), run in the browser first so the
 * form can point at the field to fix before any byte is sent.
 */

export const MAX_SENSITIVE_COLUMNS = 20;
export const MAX_NAME_LENGTH = 200;

export type Mapping = {
  labelColumn: string;
  predictionColumn: string;
  positiveValue: string;
  sensitiveColumns: string[];
  /** The model's score in [0, 1]; absent or "" for none. */
  scoreColumn?: string;
};

export type MappingField = keyof Mapping;

export const EMPTY_MAPPING: Mapping = { labelColumn: "", predictionColumn: "", positiveValue: "1", sensitiveColumns: [] };

export function validateMapping(mapping: Mapping, columns: readonly string[]): Partial<Record<MappingField, string>> {
  const errors: Partial<Record<MappingField, string>> = {};
  if (!mapping.labelColumn) errors.labelColumn = "Choose the label column.";
  else if (!columns.includes(mapping.labelColumn)) errors.labelColumn = `The file has no column “${mapping.labelColumn}”.`;
  if (!mapping.predictionColumn) errors.predictionColumn = "Choose the prediction column.";
  else if (!columns.includes(mapping.predictionColumn)) errors.predictionColumn = `The file has no column “${mapping.predictionColumn}”.`;
  else if (mapping.predictionColumn === mapping.labelColumn) errors.predictionColumn = "The label and the prediction must be different columns.";
  if (mapping.positiveValue === "") errors.positiveValue = "Enter the value that counts as positive.";
  if (mapping.sensitiveColumns.length === 0) errors.sensitiveColumns = "Mark at least one column as a sensitive attribute.";
  else if (mapping.sensitiveColumns.length > MAX_SENSITIVE_COLUMNS) errors.sensitiveColumns = `Mark at most ${MAX_SENSITIVE_COLUMNS} sensitive columns.`;
  else if (mapping.sensitiveColumns.some((c) => c === mapping.labelColumn || c === mapping.predictionColumn)) {
    errors.sensitiveColumns = "A sensitive attribute must be a column other than the label and the prediction.";
  }
  const score = mapping.scoreColumn;
  if (score) {
    if (!columns.includes(score)) errors.scoreColumn = `The file has no column “${score}”.`;
    else if (score === mapping.labelColumn || score === mapping.predictionColumn || mapping.sensitiveColumns.includes(score)) {
      errors.scoreColumn = "The score must be a column other than the label, the prediction and the sensitive attributes.";
    }
  }
  return errors;
}

/** Keeps what still applies when a new file arrives: chosen columns that it also has. */
export function carryOver(mapping: Mapping, columns: readonly string[]): Mapping {
  const keep = (c: string) => (columns.includes(c) ? c : "");
  return {
    labelColumn: keep(mapping.labelColumn),
    predictionColumn: keep(mapping.predictionColumn),
    positiveValue: mapping.positiveValue,
    sensitiveColumns: mapping.sensitiveColumns.filter((c) => columns.includes(c)),
    ...(mapping.scoreColumn && columns.includes(mapping.scoreColumn) ? { scoreColumn: mapping.scoreColumn } : {}),
  };
}

/** Sets the label or prediction column; a column cannot stay sensitive, or the score, once it is either. */
export function withRoleColumn(mapping: Mapping, field: "labelColumn" | "predictionColumn", column: string): Mapping {
  const next: Mapping = { ...mapping, [field]: column, sensitiveColumns: mapping.sensitiveColumns.filter((c) => c !== column) };
  if (column && next.scoreColumn === column) next.scoreColumn = "";
  return next;
}

/** Sets the score column ("" for none); the score cannot also be a sensitive attribute. */
export function withScoreColumn(mapping: Mapping, column: string): Mapping {
  return { ...mapping, scoreColumn: column, sensitiveColumns: mapping.sensitiveColumns.filter((c) => c !== column) };
}

/** The mapping as the server takes it: no score column is sent as none at all. */
export function mappingBody(mapping: Mapping): Mapping {
  const { scoreColumn, ...rest } = mapping;
  return scoreColumn ? { ...rest, scoreColumn } : rest;
}

/** The columns in the order of the file, for a stable JSON body. */
export function toggleSensitive(mapping: Mapping, column: string, checked: boolean, columns: readonly string[]): Mapping {
  const set = new Set(mapping.sensitiveColumns);
  if (checked) set.add(column);
  else set.delete(column);
  return { ...mapping, sensitiveColumns: columns.filter((c) => set.has(c)) };
}
