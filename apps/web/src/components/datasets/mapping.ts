/**
 * The column mapping of an upload and the checks the server applies to it
 * (datasetMappingSchema in the services), run in the browser first so the
 * form can point at the field to fix before any byte is sent.
 */

export const MAX_SENSITIVE_COLUMNS = 20;
export const MAX_NAME_LENGTH = 200;

/** Where the predictions come from: a column of decisions, or the score compared with a threshold. */
export type PredictionSource = "column" | "threshold";

export const DEFAULT_THRESHOLD = "0.5";

export type Mapping = {
  labelColumn: string;
  predictionColumn: string;
  positiveValue: string;
  sensitiveColumns: string[];
  /** The model's score in [0, 1]; absent or "" for none. */
  scoreColumn?: string;
  /** Absent means "column", so mappings written before thresholds existed keep their meaning. */
  predictionSource?: PredictionSource;
  /** As typed in the form (a number input's value); used only when predictionSource is "threshold". */
  threshold?: string;
};

export type MappingField = keyof Mapping;

/** The mapping as the server's datasetMappingSchema takes it. */
export type MappingBody = {
  labelColumn: string;
  predictionColumn?: string;
  positiveValue: string;
  sensitiveColumns: string[];
  scoreColumn?: string;
  threshold?: number;
};

const fromThreshold = (mapping: Mapping) => mapping.predictionSource === "threshold";
/** The prediction column that is in use: none when the score and a threshold define the predictions. */
export const predictionOf = (mapping: Mapping) => (fromThreshold(mapping) ? "" : mapping.predictionColumn);

export const EMPTY_MAPPING: Mapping = { labelColumn: "", predictionColumn: "", positiveValue: "1", sensitiveColumns: [] };

export function validateMapping(mapping: Mapping, columns: readonly string[]): Partial<Record<MappingField, string>> {
  const errors: Partial<Record<MappingField, string>> = {};
  if (!mapping.labelColumn) errors.labelColumn = "Choose the label column.";
  else if (!columns.includes(mapping.labelColumn)) errors.labelColumn = `The file has no column “${mapping.labelColumn}”.`;
  const prediction = predictionOf(mapping);
  if (fromThreshold(mapping)) {
    const threshold = Number(mapping.threshold ?? "");
    // Number("") is 0, so an empty input is caught before the range test.
    if (!mapping.threshold?.trim() || !Number.isFinite(threshold)) errors.threshold = "Enter the threshold, a number between 0 and 1.";
    else if (threshold < 0 || threshold > 1) errors.threshold = "The threshold must be between 0 and 1.";
    if (!mapping.scoreColumn) errors.scoreColumn = "Choose the score column: the threshold applies to it.";
  } else if (!mapping.predictionColumn) errors.predictionColumn = "Choose the prediction column.";
  else if (!columns.includes(mapping.predictionColumn)) errors.predictionColumn = `The file has no column “${mapping.predictionColumn}”.`;
  else if (mapping.predictionColumn === mapping.labelColumn) errors.predictionColumn = "The label and the prediction must be different columns.";
  if (mapping.positiveValue === "") errors.positiveValue = "Enter the value that counts as positive.";
  if (mapping.sensitiveColumns.length === 0) errors.sensitiveColumns = "Mark at least one column as a sensitive attribute.";
  else if (mapping.sensitiveColumns.length > MAX_SENSITIVE_COLUMNS) errors.sensitiveColumns = `Mark at most ${MAX_SENSITIVE_COLUMNS} sensitive columns.`;
  else if (mapping.sensitiveColumns.some((c) => c === mapping.labelColumn || c === prediction)) {
    errors.sensitiveColumns = "A sensitive attribute must be a column other than the label and the prediction.";
  }
  const score = mapping.scoreColumn;
  if (score && !errors.scoreColumn) {
    if (!columns.includes(score)) errors.scoreColumn = `The file has no column “${score}”.`;
    else if (score === mapping.labelColumn || score === prediction || mapping.sensitiveColumns.includes(score)) {
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
    ...(mapping.predictionSource ? { predictionSource: mapping.predictionSource } : {}),
    ...(mapping.threshold !== undefined ? { threshold: mapping.threshold } : {}),
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

/** Chooses where the predictions come from; the threshold input starts at DEFAULT_THRESHOLD. */
export function withPredictionSource(mapping: Mapping, source: PredictionSource): Mapping {
  return { ...mapping, predictionSource: source, threshold: mapping.threshold ?? DEFAULT_THRESHOLD };
}

/**
 * The mapping as the server takes it: no score column is sent as none at all,
 * and only the chosen source of predictions is sent (a prediction column, or
 * a threshold), since the server refuses both at once.
 */
export function mappingBody(mapping: Mapping): MappingBody {
  const { scoreColumn, predictionSource, threshold, predictionColumn, ...rest } = mapping;
  const predictions = predictionSource === "threshold" ? { threshold: Number(threshold) } : { predictionColumn };
  return { ...rest, ...predictions, ...(scoreColumn ? { scoreColumn } : {}) };
}

/** The columns in the order of the file, for a stable JSON body. */
export function toggleSensitive(mapping: Mapping, column: string, checked: boolean, columns: readonly string[]): Mapping {
  const set = new Set(mapping.sensitiveColumns);
  if (checked) set.add(column);
  else set.delete(column);
  return { ...mapping, sensitiveColumns: columns.filter((c) => set.has(c)) };
}
