#!/usr/bin/env -S npx tsx
// `assay`: the domain core on local files and endpoints, no server needed. Exit codes: 0 ok, 1 internal error, 2 bad input, 3 drift detected under --fail-on-drift, 4 audit chain broken.
import { ZodError } from "zod";
import { parseDriftArgs } from "./drift-args";
import { driftExitCode, runDrift } from "./drift";
import { formatDriftText } from "./drift-text";
import { parseFairnessArgs } from "./fairness-args";
import { InputError, runFairness } from "./fairness";
import { formatAuditVerify, parseAuditVerifyArgs, runAuditVerify } from "./audit";
import { parseGradeArgs, runGrade } from "./grade";
import { parseSafetyRunArgs, runSafety } from "./safety";

const USAGE = `Usage:
  assay fairness --data FILE --label COL --prediction COL [--score COL --threshold T]
                 --sensitive COL[,COL...] [--intersectional] [--reference-group VALUE]
                 [--positive VALUE] [--bootstrap N] [--seed S] [--min-group-size N] --format json
  assay drift --reference FILE --current FILE [--columns a,b,c] [--categorical x,y]
              [--method COL=METHOD ...] [--threshold COL=T ...] [--statistics M,M]
              [--correction bh|bonferroni|none] [--min-current-size N] [--fail-on-drift]
              --format json|text
  assay safety run --suite FILE.jsonl|builtin:NAME --target-url URL --model M
                   [--concurrency N] [--limit N] [--api-key-env VAR] [--system-prompt S] --format json
  assay grade --input FILE.jsonl --grader refusal|pii|secret|canary|toxicity|policy
              [--canary S] [--rules RULES.json] --format json
  assay audit verify --pack EVIDENCE.zip | --segment audit-chain.json | --org SLUG [--format json|text]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "fairness": {
      const report = await runFairness(parseFairnessArgs(rest));
      process.stdout.write(JSON.stringify(report, null, 2) + "\n");
      return 0;
    }
    case "drift": {
      const args = parseDriftArgs(rest);
      const report = await runDrift(args);
      process.stdout.write((args.format === "json" ? JSON.stringify(report, null, 2) : formatDriftText(report)) + "\n");
      return driftExitCode(report, args.failOnDrift);
    }
    case "safety": {
      const [sub, ...args] = rest;
      if (sub !== "run") throw new InputError(`Unknown safety command '${sub ?? ""}'. Try 'assay safety run'.`);
      const report = await runSafety(parseSafetyRunArgs(args));
      process.stdout.write(JSON.stringify(report, null, 2) + "\n");
      return 0;
    }
    case "grade": {
      const { lines, summary } = await runGrade(parseGradeArgs(rest));
      // JSON Lines: one verdict per input line, then the summary, so a pipeline can stream it.
      for (const line of lines) process.stdout.write(JSON.stringify(line) + "\n");
      process.stdout.write(JSON.stringify({ summary }) + "\n");
      return 0;
    }
    case "audit": {
      const [sub, ...args] = rest;
      if (sub !== "verify") throw new InputError(`Unknown audit command '${sub ?? ""}'. Try 'assay audit verify'.`);
      const parsed = parseAuditVerifyArgs(args);
      const report = await runAuditVerify(parsed);
      process.stdout.write((parsed.format === "json" ? JSON.stringify(report, null, 2) : formatAuditVerify(report)) + "\n");
      // 4: the chain is broken, distinct from bad input (2) and internal errors (1).
      return report.verdict.ok ? 0 : 4;
    }
    case undefined:
    case "--help":
    case "help":
      process.stdout.write(USAGE + "\n");
      return command === undefined ? 2 : 0;
    default:
      throw new InputError(`Unknown command '${command}'. Try 'assay help'.`);
  }
}

function oneLine(error: unknown): string {
  if (error instanceof ZodError) return error.issues.map((i) => (i.path.length ? `--${String(i.path[0])}: ${i.message}` : i.message)).join("; ");
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}

const isInputError = (error: unknown) =>
  error instanceof InputError || error instanceof ZodError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"));

// exitCode, not exit(): a large report on a pipe must be flushed before the process ends.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`assay: ${oneLine(error)}\n`);
    process.exitCode = isInputError(error) ? 2 : 1;
  },
);
