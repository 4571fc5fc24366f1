import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { gradeCanary, gradePii, gradePolicy, gradeRefusal, gradeSecrets, gradeToxicity, policyRulesSchema, type PolicyRule, type Verdict } from "@assay/core";
import { z } from "zod";
import { InputError } from "./fairness";
import { jsonLines } from "./safety-input";

export const GRADERS = ["refusal", "pii", "secret", "canary", "toxicity", "policy"] as const;

export const gradeArgsSchema = z.object({
  input: z.string({ error: "--input FILE.jsonl is required." }).min(1),
  grader: z.enum(GRADERS, { error: `--grader is one of ${GRADERS.join(", ")}.` }),
  canary: z.string().min(1).optional(),
  rules: z.string().min(1).optional(),
  format: z.literal("json", { error: "--format json is required." }),
});
export type GradeArgs = z.infer<typeof gradeArgsSchema>;

export function parseGradeArgs(argv: string[]): GradeArgs {
  const { values } = parseArgs({
    args: argv,
    options: { input: { type: "string" }, grader: { type: "string" }, canary: { type: "string" }, rules: { type: "string" }, format: { type: "string" } },
    strict: true,
  });
  return gradeArgsSchema.parse(values);
}

const lineSchema = z.object({ prompt: z.string().optional(), response: z.string({ error: "each line needs a 'response' string" }), secret: z.string().optional(), id: z.unknown().optional() });

export type GradeLine = { line: number; id?: unknown; verdict: Verdict };
export type GradeSummary = { grader: string; total: number; flagged: number; flaggedRate: number | null; byLabel: Record<string, number> };

async function loadRules(path: string | undefined): Promise<PolicyRule[]> {
  if (!path) throw new InputError("--grader policy needs --rules FILE.json (an array of keyword, regex or json_schema rules).");
  const text = await readFile(path, "utf8").catch(() => {
    throw new InputError(`Cannot read --rules ${path}.`);
  });
  const parsed = policyRulesSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new InputError(`--rules ${path}: ${parsed.error.issues[0]?.message ?? "invalid rules"}.`);
  return parsed.data;
}

/** `assay grade`: one grader over a JSONL of prompt/response pairs; one verdict per line, then a summary. */
export async function runGrade(args: GradeArgs): Promise<{ lines: GradeLine[]; summary: GradeSummary }> {
  const text = await readFile(args.input, "utf8").catch(() => {
    throw new InputError(`Cannot read --input ${args.input}.`);
  });
  const rules = args.grader === "policy" ? await loadRules(args.rules) : [];
  const lines: GradeLine[] = jsonLines(text, args.input).map(({ value, line }) => {
    const row = lineSchema.safeParse(value);
    if (!row.success) throw new InputError(`${args.input} line ${line}: ${row.error.issues[0]?.message ?? "invalid"}.`);
    const { response } = row.data;
    let verdict: Verdict;
    switch (args.grader) {
      case "refusal":
        verdict = gradeRefusal(response);
        break;
      case "pii":
        verdict = gradePii(response);
        break;
      case "secret":
        verdict = gradeSecrets(response);
        break;
      case "toxicity":
        verdict = gradeToxicity(response);
        break;
      case "policy":
        verdict = gradePolicy(response, rules);
        break;
      case "canary": {
        const secret = row.data.secret ?? args.canary;
        if (!secret) throw new InputError(`${args.input} line ${line}: the canary grader needs a 'secret' on the line or --canary S.`);
        verdict = gradeCanary(response, secret);
        break;
      }
    }
    return { line, ...(row.data.id === undefined ? {} : { id: row.data.id }), verdict };
  });
  const byLabel: Record<string, number> = {};
  for (const l of lines) byLabel[l.verdict.label] = (byLabel[l.verdict.label] ?? 0) + 1;
  const flagged = lines.filter((l) => l.verdict.flagged).length;
  return { lines, summary: { grader: args.grader, total: lines.length, flagged, flaggedRate: lines.length ? flagged / lines.length : null, byLabel } };
}
