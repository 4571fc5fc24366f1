import { analyseFairness, computeFairness, type FairnessAnalysis, type FairnessResult } from "@assay/core";
import { aggregateConfusionCounts, describeColumns, formatOfPath } from "@assay/tabular";
import { existsSync } from "node:fs";
import type { FairnessArgs } from "./fairness-args";

/** A problem with what the user gave us; the CLI exits 2 with its message. */
export class InputError extends Error {}

export type FairnessReport = {
  format: "assay-fairness/1";
  input: {
    data: string;
    fileFormat: "csv" | "parquet";
    label: string;
    prediction: string | null;
    score: string | null;
    threshold: number | null;
    positiveValue: string;
    sensitive: string[];
    intersectional: boolean;
  };
  result: FairnessResult;
  analysis: FairnessAnalysis;
};

export async function runFairness(args: FairnessArgs): Promise<FairnessReport> {
  if (!existsSync(args.data)) throw new InputError(`No such file: ${args.data}`);
  const fileFormat = formatOfPath(args.data);
  const columns = await describeColumns(args.data, fileFormat).catch((error: unknown) => {
    throw new InputError(`Cannot read ${args.data} as ${fileFormat}: ${firstLine(error)}`);
  });
  const predictionColumn = args.prediction ?? args.score!;
  for (const column of [args.label, predictionColumn, ...args.sensitive]) {
    if (!columns.includes(column)) throw new InputError(`Column '${column}' is not in ${args.data} (columns: ${columns.join(", ")}).`);
  }
  const counts = await aggregateConfusionCounts(args.data, {
    format: fileFormat,
    columns,
    labelColumn: args.label,
    predictionColumn,
    positiveValue: args.positive,
    sensitiveColumns: args.sensitive,
    intersectional: args.intersectional,
    ...(args.prediction ? {} : { scoreThreshold: args.threshold }),
  }).catch((error: unknown) => {
    throw new InputError(firstLine(error));
  });
  const attributes = counts.intersection ? [...counts.attributes, counts.intersection] : counts.attributes;
  const result = computeFairness({ rowCount: counts.rowCount, positiveValue: args.positive, attributes, checks: [], minGroupSize: args.minGroupSize });
  const referenceGroups: Record<string, string> = {};
  if (args.referenceGroup) {
    for (const a of result.attributes) {
      if (a.groups.some((g) => g.group === args.referenceGroup)) referenceGroups[a.attribute] = a.referenceGroup = args.referenceGroup;
    }
    if (Object.keys(referenceGroups).length === 0) throw new InputError(`No sensitive attribute has the group '${args.referenceGroup}'.`);
  }
  const analysis = analyseFairness(attributes, { referenceGroups, resamples: args.bootstrap, seed: args.seed, minGroupSize: args.minGroupSize });
  return {
    format: "assay-fairness/1",
    input: {
      data: args.data,
      fileFormat,
      label: args.label,
      prediction: args.prediction ?? null,
      score: args.score ?? null,
      threshold: args.threshold ?? null,
      positiveValue: args.positive,
      sensitive: args.sensitive,
      intersectional: args.intersectional,
    },
    result,
    analysis,
  };
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
