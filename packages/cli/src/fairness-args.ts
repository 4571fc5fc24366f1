import { parseArgs } from "node:util";
import { z } from "zod";

/** `assay fairness` options, validated once; the CLI's only boundary. */
export const fairnessArgsSchema = z
  .object({
    data: z.string({ error: "--data FILE is required." }).min(1, "--data FILE is required."),
    label: z.string({ error: "--label COL is required." }).min(1),
    prediction: z.string().min(1).optional(),
    score: z.string().min(1).optional(),
    threshold: z.coerce.number().finite().optional(),
    sensitive: z
      .string({ error: "--sensitive COL[,COL...] is required." })
      .transform((s) => s.split(",").map((c) => c.trim()).filter(Boolean))
      .pipe(z.array(z.string()).min(1, "--sensitive needs at least one column.")),
    intersectional: z.boolean().default(false),
    referenceGroup: z.string().min(1).optional(),
    positive: z.string().min(1).default("1"),
    bootstrap: z.coerce.number().int().min(0).max(100_000).default(1000),
    seed: z.coerce.number().int().default(1),
    minGroupSize: z.coerce.number().int().min(1).default(30),
    format: z.literal("json", { error: "--format json is the only output format." }).default("json"),
  })
  .superRefine((a, ctx) => {
    if (!a.prediction && !a.score) ctx.addIssue({ code: "custom", message: "Give --prediction COL, or --score COL with --threshold T." });
    if (a.score && !a.prediction && a.threshold === undefined) ctx.addIssue({ code: "custom", message: "--score needs --threshold T to derive predictions." });
  });
export type FairnessArgs = z.infer<typeof fairnessArgsSchema>;

export function parseFairnessArgs(argv: string[]): FairnessArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      data: { type: "string" },
      label: { type: "string" },
      prediction: { type: "string" },
      score: { type: "string" },
      threshold: { type: "string" },
      sensitive: { type: "string" },
      intersectional: { type: "boolean" },
      "reference-group": { type: "string" },
      positive: { type: "string" },
      bootstrap: { type: "string" },
      seed: { type: "string" },
      "min-group-size": { type: "string" },
      format: { type: "string" },
    },
  });
  return fairnessArgsSchema.parse({
    ...values,
    referenceGroup: values["reference-group"],
    minGroupSize: values["min-group-size"],
  });
}
