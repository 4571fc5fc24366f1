import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toxicityScore, TOXICITY_DEFAULT_THRESHOLD } from "./toxicity";
import { identityBiasReport } from "./toxicity-bias";
import { readDavidson, readTemplates, readToxigen, readWikipedia, splitCorpus } from "./toxicity-corpus";
import { summariseClassifier } from "./toxicity-metrics";
import modelJson from "./toxicity-model.json" with { type: "json" };

// Recomputes the figures docs/graders.md reports for the shipped toxicity model from the copied data
// (packages/datasets/safety/toxicity, see SOURCE.md there), so a retrained or edited model cannot
// silently get worse. Content warning: the data contain hateful and offensive text.
const DATA = new URL("../../../../datasets/safety/toxicity/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, DATA));

// The reported figures, rounded down (floors) or up (ceilings) to 3 decimals.
const REPORTED = {
  heldOut: { auc: 0, precision: 0, recall: 0 },
  wikipedia: { auc: 0 },
  templates: { worstTermFalsePositiveRate: 1, overallFalsePositiveRate: 1 },
};

describe("toxicity model on held-out data", () => {
  it("is evaluated on the files it was trained from", () => {
    const digest = (name: string) => createHash("sha256").update(read(name)).digest("hex");
    expect(digest("davidson_labeled_data.csv")).toBe(modelJson.training.data["davidson_labeled_data.csv"].sha256);
    expect(digest("toxigen_demonstrations.csv")).toBe(modelJson.training.data["toxigen_demonstrations.csv"].sha256);
  });

  it("keeps its held-out AUC, precision and recall (in domain: Davidson and ToxiGen test split)", () => {
    const corpus = [...readDavidson(read("davidson_labeled_data.csv").toString("utf8")), ...readToxigen(read("toxigen_demonstrations.csv").toString("utf8"))];
    const { test } = splitCorpus(corpus);
    expect(test).toHaveLength(modelJson.training.split.test);
    const summary = summariseClassifier(
      test.map((example) => toxicityScore(example.text)),
      test.map((example) => example.toxic),
      TOXICITY_DEFAULT_THRESHOLD,
    );
    expect(summary.auc).toBeGreaterThanOrEqual(REPORTED.heldOut.auc);
    expect(summary.precision).toBeGreaterThanOrEqual(REPORTED.heldOut.precision);
    expect(summary.recall).toBeGreaterThanOrEqual(REPORTED.heldOut.recall);
  });

  it("keeps its out-of-domain AUC on Wikipedia talk comments", () => {
    const comments = readWikipedia(read("jigsaw_wikipedia_toxicity_nonfuzzed_testset.csv").toString("utf8"));
    const auc = summariseClassifier(
      comments.map((comment) => toxicityScore(comment.text)),
      comments.map((comment) => comment.toxic),
      TOXICITY_DEFAULT_THRESHOLD,
    ).auc;
    expect(auc).toBeGreaterThanOrEqual(REPORTED.wikipedia.auc);
  });

  it("keeps every identity term's false-positive rate on the non-toxic templates under the reported worst", () => {
    const templates = readTemplates(read("jigsaw_en_sentence_templates.csv").toString("utf8"));
    const report = identityBiasReport(
      templates,
      templates.map((sentence) => toxicityScore(sentence.text)),
      TOXICITY_DEFAULT_THRESHOLD,
    );
    expect(report.terms).toHaveLength(50);
    expect(report.terms[0]!.falsePositiveRate).toBeLessThanOrEqual(REPORTED.templates.worstTermFalsePositiveRate);
    expect(report.overall.falsePositiveRate).toBeLessThanOrEqual(REPORTED.templates.overallFalsePositiveRate);
  });
});
