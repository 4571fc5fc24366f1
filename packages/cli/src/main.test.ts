import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");
const compas = path.join(root, "packages/datasets/compas/compas-scores-two-years.csv");
const cli = (...args: string[]) => run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "packages/cli/src/main.ts"), ...args], { cwd: root });

type Report = { result: { rowCount: number; attributes: Array<{ attribute: string; groups: Array<{ group: string; counts: Record<string, number> }> }> } };

describe("assay fairness", () => {
  it("reproduces ProPublica's confusion counts on all 7,214 COMPAS rows from a score threshold", async () => {
    const { stdout } = await cli("fairness", "--data", compas, "--label", "two_year_recid", "--score", "decile_score", "--threshold", "5", "--sensitive", "race,sex", "--intersectional", "--format", "json");
    const report = JSON.parse(stdout) as Report;
    expect(report.result.rowCount).toBe(7214);
    const race = report.result.attributes.find((a) => a.attribute === "race")!;
    const aa = race.groups.find((g) => g.group === "African-American")!;
    expect(aa.counts).toEqual({ tp: 1369, fp: 805, tn: 990, fn: 532 });
    expect(report.result.attributes.map((a) => a.attribute)).toEqual(["race", "sex", "race × sex"]);
  }, 30_000);

  it("exits 2 with a one-line error on bad input", async () => {
    const failure = await cli("fairness", "--data", compas, "--label", "two_year_recid", "--prediction", "no_such_column", "--sensitive", "race").then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr.trim().split("\n")).toHaveLength(1);
    expect(failure?.stderr).toContain("no_such_column");
  }, 30_000);
});
