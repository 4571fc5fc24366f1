import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toxicityScore, TOXICITY_DEFAULT_THRESHOLD } from "./toxicity";
import { identityBiasReport } from "./toxicity-bias";
import { readDavidson, readTemplates, readToxigen, readWikipedia, readXstestCompletions, splitCorpus, splitXstestByPrompt } from "./toxicity-corpus";
import { summariseClassifier } from "./toxicity-metrics";
import modelJson from "./toxicity-model.json" with { type: "json" };

// Recomputes the figures docs/graders.md reports for the shipped toxicity model from the copied data
// (packages/datasets/safety/toxicity, see SOURCE.md there), so a retrained or edited model cannot
// silently get worse. Content warning: the data contain hateful and offensive text.
const DATA = new URL("../../../../datasets/safety/toxicity/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, DATA));
// XSTest completions: half the prompts' answers are training text, the other half's are held out here.
const XSTEST = new URL("../../../../datasets/safety/xstest/", import.meta.url);
const XSTEST_FILES = { gpt4: "xstest_v2_completions_gpt4_streval.csv", llama2orig: "xstest_v2_completions_llama2orig_streval.csv" } as const;
const readXstest = (name: string) => readFileSync(new URL(name, XSTEST));

// The reported figures (model toxicity-lr-h18-8dc51340baa0, measured 0.9825, 0.9898, 0.9288; 0.8962;
// 0.1572, 0.0193; no held-out XSTest answer flagged), rounded down (floors) or up (ceilings) to 3 decimals.
const REPORTED = {
  heldOut: { auc: 0.982, precision: 0.989, recall: 0.928 },
  wikipedia: { auc: 0.896 },
  templates: { worstTermFalsePositiveRate: 0.158, overallFalsePositiveRate: 0.02 },
  xstestHeldOut: { answers: 450, maxFlaggedShare: 0 },
};

describe("toxicity model on held-out data", () => {
  it("is evaluated on the files it was trained from", () => {
    const digest = (name: string) => createHash("sha256").update(read(name)).digest("hex");
    expect(digest("davidson_labeled_data.csv")).toBe(modelJson.training.data["davidson_labeled_data.csv"].sha256);
    expect(digest("toxigen_demonstrations.csv")).toBe(modelJson.training.data["toxigen_demonstrations.csv"].sha256);
    for (const name of Object.values(XSTEST_FILES)) {
      expect(createHash("sha256").update(readXstest(name)).digest("hex"), name).toBe(modelJson.training.data[name].sha256);
    }
  });

  it("flags no more of the held-out XSTest answers (real model answers, none toxic) than reported, per model and prompt type", () => {
    const completions = Object.entries(XSTEST_FILES).flatMap(([model, name]) => readXstestCompletions(readXstest(name).toString("utf8"), model));
    const { heldOut } = splitXstestByPrompt(completions);
    expect(heldOut).toHaveLength(REPORTED.xstestHeldOut.answers);
    expect(heldOut.length).toBe(modelJson.training.data[XSTEST_FILES.gpt4].heldOutRows + modelJson.training.data[XSTEST_FILES.llama2orig].heldOutRows);
    for (const model of Object.keys(XSTEST_FILES)) {
      for (const contrast of [false, true]) {
        const answers = heldOut.filter((c) => c.model === model && c.type.startsWith("contrast_") === contrast);
        const flagged = answers.filter((c) => toxicityScore(c.completion) >= TOXICITY_DEFAULT_THRESHOLD).length;
        expect(flagged / answers.length, `${model}, ${contrast ? "unsafe contrast" : "safe"} prompts`).toBeLessThanOrEqual(REPORTED.xstestHeldOut.maxFlaggedShare);
      }
    }
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
