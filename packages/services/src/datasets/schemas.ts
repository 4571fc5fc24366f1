import { z } from "zod";

/** Most sensitive attributes a dataset may declare; each becomes a section of every run's results. */
export const MAX_SENSITIVE_COLUMNS = 20;

/**
 * How to read a predictions file: which column holds the true label, which
 * the model's prediction, which value of both counts as "positive", which
 * columns are sensitive attributes and, optionally, which holds the model's
 * score (a probability of the positive value, in [0, 1]).
 *
 * Instead of a prediction column, a score column and a threshold may define
 * the predictions: a row is predicted positive when its score is >= threshold.
 */
export const datasetMappingSchema = z
  .object({
    labelColumn: z.string().trim().min(1, "Choose the label column."),
    // Checked in superRefine: it may only be left out when a score and a threshold define the predictions.
    predictionColumn: z
      .string()
      .trim()
      .nullish()
      .transform((v) => (v ? v : undefined)),
    // Not trimmed: it must equal a value in the file byte for byte.
    positiveValue: z.string().min(1, "Choose the positive value."),
    sensitiveColumns: z
      .array(z.string().trim().min(1))
      .min(1, "Mark at least one column as a sensitive attribute.")
      .max(MAX_SENSITIVE_COLUMNS, `Mark at most ${MAX_SENSITIVE_COLUMNS} sensitive columns.`),
    // A form's "none" option sends an empty string (or null); both mean no score column.
    scoreColumn: z
      .string()
      .trim()
      .nullish()
      .transform((v) => (v ? v : undefined)),
    // A form's empty number input sends null; it means no threshold.
    threshold: z
      .number({ error: "The threshold must be a number." })
      .min(0, "The threshold must be between 0 and 1.")
      .max(1, "The threshold must be between 0 and 1.")
      .nullish()
      .transform((v) => (v === null ? undefined : v)),
  })
  .superRefine((m, ctx) => {
    if (m.predictionColumn === undefined) {
      if (m.threshold === undefined) {
        // The prediction-column path's message, unchanged: most uploads have a prediction column.
        ctx.addIssue({ code: "custom", path: ["predictionColumn"], message: "Choose the prediction column." });
      } else if (m.scoreColumn === undefined) {
        ctx.addIssue({ code: "custom", path: ["scoreColumn"], message: "Choose the score column that the threshold applies to." });
      }
    } else if (m.threshold !== undefined) {
      // Two sources of predictions would be ambiguous about which one a run uses.
      ctx.addIssue({ code: "custom", path: ["threshold"], message: "Give either a prediction column or a threshold on the score, not both." });
    }
    if (m.labelColumn === m.predictionColumn) {
      ctx.addIssue({ code: "custom", path: ["predictionColumn"], message: "The label and the prediction must be different columns." });
    }
    const seen = new Set<string>();
    for (const column of m.sensitiveColumns) {
      if (seen.has(column)) ctx.addIssue({ code: "custom", path: ["sensitiveColumns"], message: `Column '${column}' is listed twice.` });
      seen.add(column);
      if (column === m.labelColumn || column === m.predictionColumn) {
        ctx.addIssue({
          code: "custom",
          path: ["sensitiveColumns"],
          message: `Column '${column}' is the ${column === m.labelColumn ? "label" : "prediction"}; a sensitive attribute must be another column.`,
        });
      }
    }
    const score = m.scoreColumn;
    if (score !== undefined) {
      const role = score === m.labelColumn ? "label" : score === m.predictionColumn ? "prediction" : m.sensitiveColumns.includes(score) ? "a sensitive attribute" : null;
      if (role) {
        ctx.addIssue({
          code: "custom",
          path: ["scoreColumn"],
          message: `Column '${score}' is ${role === "label" || role === "prediction" ? `the ${role}` : role}; the score must be another column.`,
        });
      }
    }
  });
export type DatasetMapping = z.infer<typeof datasetMappingSchema>;

/** The text fields of an upload (multipart/form-data): `mapping` arrives as a JSON string. */
export const datasetUploadFieldsSchema = z.object({
  name: z
    .string()
    .trim()
    .max(200, "Keep the dataset name under 200 characters.")
    .optional()
    .transform((v) => (v ? v : undefined)),
  mapping: z
    .string({ error: "Send the column mapping (field 'mapping')." })
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        ctx.addIssue({ code: "custom", message: "The column mapping must be a JSON object." });
        return z.NEVER;
      }
    })
    .pipe(datasetMappingSchema),
});
export type DatasetUploadFields = z.infer<typeof datasetUploadFieldsSchema>;

/** One column of an uploaded file, as stored on the dataset. */
export type DatasetColumn = { name: string; sampleValues?: string[] };

/** A dataset as the API returns it (sizes as numbers, creator resolved). */
export type DatasetDto = {
  id: string;
  modelVersionId: string;
  name: string;
  fileName: string;
  format: string;
  contentSha256: string;
  sizeBytes: number;
  rowCount: number;
  columns: DatasetColumn[];
  labelColumn: string;
  /** Null when the predictions are derived: score >= threshold. */
  predictionColumn: string | null;
  positiveValue: string;
  sensitiveColumns: string[];
  /** Null when the dataset has no score column. */
  scoreColumn: string | null;
  /** Set (with scoreColumn) when a row is predicted positive because its score is >= threshold. */
  threshold: number | null;
  createdAt: Date;
  createdBy: { id: string; name: string };
};

type DatasetRow = Omit<DatasetDto, "sizeBytes" | "columns" | "createdBy"> & { sizeBytes: bigint; columns: unknown; createdById: string; orgId: string };

export function toDatasetDto(row: DatasetRow, createdBy: { id: string; name: string }): DatasetDto {
  return {
    id: row.id,
    modelVersionId: row.modelVersionId,
    name: row.name,
    fileName: row.fileName,
    format: row.format,
    contentSha256: row.contentSha256,
    // Upload sizes are capped far below 2^53.
    sizeBytes: Number(row.sizeBytes),
    rowCount: row.rowCount,
    // Written by uploadDataset from DuckDB's reading of the header; rows are never edited.
    columns: row.columns as DatasetColumn[],
    labelColumn: row.labelColumn,
    predictionColumn: row.predictionColumn,
    positiveValue: row.positiveValue,
    sensitiveColumns: row.sensitiveColumns,
    scoreColumn: row.scoreColumn,
    threshold: row.threshold,
    createdAt: row.createdAt,
    createdBy,
  };
}
