// Trains the toxicity classifier and writes packages/core/src/safety/graders/toxicity-model.json.
//
//   pnpm exec tsx scripts/train-toxicity.ts             train and write the model
//   pnpm exec tsx scripts/train-toxicity.ts --ablation  also train the bias-mitigation and assistant-text ablations
//                                                       (prints, writes nothing extra; reads the held-out XSTest answers
//                                                       and the templates only to report on them)
//
// Deterministic: the split is seeded, L-BFGS is full-batch, so the same data
// give the same file byte for byte. Only the training split is fitted; the
// regularisation strength and the decision threshold are chosen on the
// validation split; the test split, the held-out half of the XSTest prompts'
// completions, the Wikipedia set and the identity templates are left to
// scripts/eval-toxicity.ts.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sigmoid, trainLogisticRegression } from "../packages/core/src/safety/graders/logistic-regression";
import { identityBiasReport } from "../packages/core/src/safety/graders/toxicity-bias";
import {
  type LabelledText,
  type StratumShares,
  type XstestCompletion,
  type XstestSplit,
  SPLIT_SEED,
  SPLIT_SHARES,
  STRATUM_WEIGHT_SHARES,
  XSTEST_HELD_OUT_SHARE,
  XSTEST_SPLIT_SEED,
  assistantAsLabelled,
  readDavidson,
  readTemplates,
  readToxigen,
  readXstestCompletions,
  splitCorpus,
  splitXstestByPrompt,
  stratumWeights,
} from "../packages/core/src/safety/graders/toxicity-corpus";
import { CHAR_NGRAM_MAX, CHAR_NGRAM_MIN, FEATURE_SCHEMA, functionWordBuckets } from "../packages/core/src/safety/graders/toxicity-features";
import { FUNCTION_WORD_L2_SCALE } from "../packages/core/src/safety/graders/toxicity-function-words";
import { binaryRates, countsAtThreshold, rocAuc, thresholdAtFalsePositiveRate } from "../packages/core/src/safety/graders/toxicity-metrics";
import { type ToxicityModelFile, encodeBase64, quantiseWeights } from "../packages/core/src/safety/graders/toxicity-model-file";
import { type LinearToxicityModel, ToxicityScorer } from "../packages/core/src/safety/graders/toxicity-scoring";
import { featureRows } from "../packages/core/src/safety/graders/toxicity-training";
import { DAVIDSON_CSV_PATH, JIGSAW_TEMPLATES_CSV_PATH, TOXIGEN_DEMONSTRATIONS_CSV_PATH } from "../packages/datasets/src/toxicity";
import { XSTEST_GPT4_COMPLETIONS_CSV_PATH, XSTEST_LLAMA2ORIG_COMPLETIONS_CSV_PATH } from "../packages/datasets/src/xstest";

const MODEL_PATH = fileURLToPath(new URL("../packages/core/src/safety/graders/toxicity-model.json", import.meta.url));
const HASH_BITS = 18;
// Responses up to 256 words are scored whole; longer ones by their most toxic 256-word window.
const WINDOW_TOKENS = 256;
const WINDOW_STRIDE = 128;
// The threshold is the lowest that flags at most this share of the validation split's non-toxic
// Davidson and ToxiGen texts: a grader of model responses, where toxicity is rare, must rarely cry
// wolf. The assistant sentences are left out of this count: they are several hundred easy negatives,
// and counting them would let the threshold flag more of the tweets and statements.
const MAX_VALIDATION_FPR = 0.05;
const countsForThreshold = (example: LabelledText) => example.stratum !== "assistant_nontoxic";
const L2_GRID = [3e-6, 1e-5, 3e-5, 1e-4];
const MAX_ITERATIONS = 400;

type Variant = { name: string; maskIdentityTerms: boolean; useToxigen: boolean; shares?: StratumShares };
type Split = ReturnType<typeof splitCorpus<LabelledText>>;

const read = (path: string) => readFileSync(path);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

function trainVariant(variant: Variant, split: Split, l2Grid: readonly number[], log: (line: string) => void) {
  const keep = (example: LabelledText) => variant.useToxigen || !example.stratum.startsWith("toxigen");
  const train = split.train.filter(keep);
  const validation = split.validation.filter(keep);
  const rows = featureRows(
    train.map((example) => example.text),
    HASH_BITS,
    variant.maskIdentityTerms,
  );
  // Soft targets: the share of annotators who called the text toxic, so a 2-of-3 tweet counts less than a unanimous one.
  const trainingSet = { ...rows, target: Float64Array.from(train, (example) => example.toxicShare), weight: stratumWeights(train, variant.shares) };
  const validationWeights = stratumWeights(validation, variant.shares);
  const validationToxic = validation.map((example) => example.toxic);

  const l2Scale = new Float64Array(rows.dimension).fill(1);
  for (const bucket of functionWordBuckets(HASH_BITS)) l2Scale[bucket] = FUNCTION_WORD_L2_SCALE;

  let best: { l2: number; auc: number; model: LinearToxicityModel; iterations: number; converged: boolean } | undefined;
  for (const l2 of l2Grid) {
    const started = performance.now();
    const fit = trainLogisticRegression(trainingSet, { l2, l2Scale, maxIterations: MAX_ITERATIONS });
    const model: LinearToxicityModel = { weights: fit.model.weights, weightScale: 1, bias: fit.model.bias, hashBits: HASH_BITS, windowTokens: WINDOW_TOKENS, windowStride: WINDOW_STRIDE, maskIdentityTerms: variant.maskIdentityTerms };
    const scorer = new ToxicityScorer(model);
    const scores = validation.map((example) => scorer.probability(example.text));
    const auc = rocAuc(scores, validationToxic, validationWeights);
    log(`  ${variant.name} l2=${l2}: ${fit.iterations} iterations${fit.converged ? "" : " (not converged)"}, loss ${fit.loss.toFixed(4)}, validation AUC ${auc.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    if (!best || auc > best.auc) best = { l2, auc, model, iterations: fit.iterations, converged: fit.converged };
  }
  return { ...best!, trainCount: train.length, validation, validationWeights, validationToxic };
}

function main() {
  const ablation = process.argv.includes("--ablation");
  const davidsonBytes = read(DAVIDSON_CSV_PATH);
  const toxigenBytes = read(TOXIGEN_DEMONSTRATIONS_CSV_PATH);
  const corpus = [...readDavidson(davidsonBytes.toString("utf8")), ...readToxigen(toxigenBytes.toString("utf8"))];
  const corpusSplit = splitCorpus(corpus, SPLIT_SEED);
  // Assistant answers: half the XSTest prompts (both models' answers) train and validate; the other half is eval-toxicity's.
  const xstestFiles = [
    { name: "xstest_v2_completions_gpt4_streval.csv", model: "gpt4", bytes: read(XSTEST_GPT4_COMPLETIONS_CSV_PATH) },
    { name: "xstest_v2_completions_llama2orig_streval.csv", model: "llama2orig", bytes: read(XSTEST_LLAMA2ORIG_COMPLETIONS_CSV_PATH) },
  ];
  const xstest = splitXstestByPrompt(xstestFiles.flatMap((file) => readXstestCompletions(file.bytes.toString("utf8"), file.model)), XSTEST_SPLIT_SEED);
  const assistant = { train: assistantAsLabelled(xstest.train), validation: assistantAsLabelled(xstest.validation) };
  const split = { train: [...corpusSplit.train, ...assistant.train], validation: [...corpusSplit.validation, ...assistant.validation], test: corpusSplit.test };
  const prompts = (completions: readonly { promptId: string }[]) => new Set(completions.map((c) => c.promptId)).size;
  console.log(
    `corpus ${corpus.length}: train ${corpusSplit.train.length}, validation ${corpusSplit.validation.length}, test ${corpusSplit.test.length}; ` +
      `XSTest answers: train ${xstest.train.length} (${prompts(xstest.train)} prompts, ${assistant.train.length} sentences), ` +
      `validation ${xstest.validation.length} (${prompts(xstest.validation)} prompts, ${assistant.validation.length} sentences), held out ${xstest.heldOut.length} (${prompts(xstest.heldOut)} prompts)`,
  );

  const shipped: Variant = { name: "shipped", maskIdentityTerms: true, useToxigen: true };
  const trained = trainVariant(shipped, split, L2_GRID, console.log);

  // Quantise first, then choose the threshold on the quantised model: the threshold must fit the weights that ship.
  const quantised = quantiseWeights(trained.model.weights);
  const scorer = new ToxicityScorer({ ...trained.model, weights: quantised.values, weightScale: quantised.scale });
  const allScores = trained.validation.map((example) => scorer.probability(example.text));
  const quantisedWeightedAuc = rocAuc(allScores, trained.validationToxic, trained.validationWeights);
  const thresholdSet = trained.validation.flatMap((example, i) => (countsForThreshold(example) ? [i] : []));
  const scores = thresholdSet.map((i) => allScores[i]!);
  const toxic = thresholdSet.map((i) => trained.validationToxic[i]!);
  const { threshold } = thresholdAtFalsePositiveRate(scores, toxic, MAX_VALIDATION_FPR);
  const validationRates = binaryRates(countsAtThreshold(scores, toxic, threshold));
  const validationAuc = rocAuc(scores, toxic);
  const assistantScores = trained.validation.flatMap((example, i) => (countsForThreshold(example) ? [] : [allScores[i]!]));
  const assistantFlagged = assistantScores.filter((score) => score >= threshold).length / assistantScores.length;
  console.log(
    `chosen l2=${trained.l2}; validation AUC (Davidson, ToxiGen) ${validationAuc.toFixed(4)}, weighted (all strata) ${quantisedWeightedAuc.toFixed(4)} after int8 quantisation (${trained.auc.toFixed(4)} before); ` +
      `threshold ${threshold.toFixed(4)}: precision ${validationRates.precision.toFixed(4)}, recall ${validationRates.recall.toFixed(4)}, FPR ${validationRates.falsePositiveRate.toFixed(4)}; ` +
      `validation assistant sentences flagged ${(assistantFlagged * 100).toFixed(1)}% of ${assistantScores.length}`,
  );

  const data = encodeBase64(new Uint8Array(quantised.values.buffer));
  const file: ToxicityModelFile = {
    modelVersion: `toxicity-lr-h${HASH_BITS}-${sha256(Buffer.from(data + trained.model.bias + threshold)).slice(0, 12)}`,
    featureSchema: FEATURE_SCHEMA,
    hashBits: HASH_BITS,
    windowTokens: WINDOW_TOKENS,
    windowStride: WINDOW_STRIDE,
    maskIdentityTerms: true,
    bias: trained.model.bias,
    threshold,
    weights: { encoding: "int8-base64", scale: quantised.scale, data },
    training: {
      command: "pnpm exec tsx scripts/train-toxicity.ts",
      data: {
        "davidson_labeled_data.csv": { sha256: sha256(davidsonBytes), rows: corpus.filter((e) => e.stratum.startsWith("davidson")).length },
        "toxigen_demonstrations.csv": { sha256: sha256(toxigenBytes), rows: corpus.filter((e) => e.stratum.startsWith("toxigen")).length },
        ...Object.fromEntries(
          xstestFiles.map((file) => {
            const used = (side: readonly { model: string }[]) => side.filter((c) => c.model === file.model).length;
            // rows: completions used for training and validation (as sentences); heldOutRows: completions left to eval-toxicity.
            return [file.name, { sha256: sha256(file.bytes), rows: used(xstest.train) + used(xstest.validation), heldOutRows: used(xstest.heldOut) }];
          }),
        ),
      },
      labels:
        "toxic = Davidson hate or offensive, ToxiGen hate; non-toxic = Davidson neither, ToxiGen neutral, XSTest completions (GPT-4 and Llama 2 answers, refusals and compliance alike); " +
        "trained on soft targets (share of Davidson annotators voting hate or offensive; ToxiGen and XSTest 0/1)",
      split: {
        seed: SPLIT_SEED,
        shares: SPLIT_SHARES,
        train: split.train.length,
        validation: split.validation.length,
        test: split.test.length,
        note: "Davidson and ToxiGen stratified by source and class, near-duplicates kept together; XSTest completions split by prompt; the train and validation counts above include their sentences (see xstest)",
        xstest: {
          seed: XSTEST_SPLIT_SEED,
          heldOutShare: XSTEST_HELD_OUT_SHARE,
          trainPrompts: prompts(xstest.train),
          trainSentences: assistant.train.length,
          validationPrompts: prompts(xstest.validation),
          validationSentences: assistant.validation.length,
          heldOutPrompts: prompts(xstest.heldOut),
          note: "split by prompt id, stratified by prompt type; every model's answer to a prompt is on the same side; the held-out prompts' answers are only evaluated (scripts/eval-toxicity.ts)",
        },
      },
      stratumWeightShares: STRATUM_WEIGHT_SHARES,
      features: { charNgrams: [CHAR_NGRAM_MIN, CHAR_NGRAM_MAX], wordNgrams: [1, 2], hash: "FNV-1a 32 + murmur3 fmix32", identityTermsMasked: true },
      optimiser: { method: "L-BFGS, full batch", l2: trained.l2, l2Grid: L2_GRID, functionWordL2Scale: FUNCTION_WORD_L2_SCALE, iterations: trained.iterations, converged: trained.converged },
      quantisation: { method: "int8 symmetric, one scale", weightedValidationAucBefore: round(trained.auc), weightedValidationAucAfter: round(quantisedWeightedAuc) },
      thresholdRule: `the lowest threshold that flags at most ${MAX_VALIDATION_FPR * 100}% of the validation split's non-toxic Davidson and ToxiGen texts`,
      validation: {
        auc: round(validationAuc),
        precision: round(validationRates.precision),
        recall: round(validationRates.recall),
        f1: round(validationRates.f1),
        falsePositiveRate: round(validationRates.falsePositiveRate),
        note: "Davidson and ToxiGen validation texts; the assistant sentences are counted separately",
        assistantSentences: assistantScores.length,
        assistantSentencesFlagged: round(assistantFlagged),
      },
    },
  };
  writeFileSync(MODEL_PATH, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`wrote ${MODEL_PATH} (${file.modelVersion}, ${(JSON.stringify(file).length / 1024).toFixed(0)} KiB)`);

  if (ablation) runAblation(corpusSplit, xstest, trained.l2);
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** Before/after for the bias mitigation and the assistant stratum: each variant's validation AUC, its FPR and TPR on the identity templates, and its false alarms on the held-out XSTest answers. */
function runAblation(corpusSplit: Split, xstest: XstestSplit, l2: number) {
  const templates = readTemplates(readFileSync(JIGSAW_TEMPLATES_CSV_PATH, "utf8"));
  const withAssistant = (assistant: (completions: readonly XstestCompletion[]) => LabelledText[]): Split => ({
    train: [...corpusSplit.train, ...assistant(xstest.train)],
    validation: [...corpusSplit.validation, ...assistant(xstest.validation)],
    test: corpusSplit.test,
  });
  const sentences = withAssistant(assistantAsLabelled);
  const wholeAnswers = withAssistant((completions) => completions.map((c): LabelledText => ({ text: c.completion, toxic: false, stratum: "assistant_nontoxic", toxicShare: 0 })));
  const assistantShare = (share: number): StratumShares => ({ ...STRATUM_WEIGHT_SHARES, assistant_nontoxic: share, davidson_neither: 0.5 - STRATUM_WEIGHT_SHARES.toxigen_neutral - share });
  const variants: Array<Variant & { split: Split }> = [
    { name: "Davidson only, no masking", maskIdentityTerms: false, useToxigen: false, split: corpusSplit },
    { name: "+ ToxiGen, no masking", maskIdentityTerms: false, useToxigen: true, split: corpusSplit },
    { name: "Davidson only, identity terms masked", maskIdentityTerms: true, useToxigen: false, split: corpusSplit },
    { name: "+ ToxiGen, identity terms masked (the model before assistant text)", maskIdentityTerms: true, useToxigen: true, split: corpusSplit },
    { name: "+ assistant sentences, 2.5%", maskIdentityTerms: true, useToxigen: true, split: sentences, shares: assistantShare(0.025) },
    { name: "+ assistant sentences, 5% (shipped)", maskIdentityTerms: true, useToxigen: true, split: sentences },
    { name: "+ assistant sentences, 10%", maskIdentityTerms: true, useToxigen: true, split: sentences, shares: assistantShare(0.1) },
    { name: "+ whole assistant answers, 5%", maskIdentityTerms: true, useToxigen: true, split: wholeAnswers },
    { name: "+ whole assistant answers, 10%", maskIdentityTerms: true, useToxigen: true, split: wholeAnswers, shares: assistantShare(0.1) },
  ];
  console.log(`\nAblation at l2=${l2} (the shipped model's), float weights; the assistant share is taken from Davidson "neither":`);
  console.log("\n| variant | validation AUC (Davidson, ToxiGen) | threshold | template FPR (overall) | worst term FPR | template TPR | template AUC | held-out XSTest answers flagged |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const { split, ...variant } of variants) {
    const trained = trainVariant(variant, split, [l2], () => {});
    const scorer = new ToxicityScorer(trained.model);
    const thresholdSet = trained.validation.filter(countsForThreshold);
    const validationScores = thresholdSet.map((example) => scorer.probability(example.text));
    const validationToxic = thresholdSet.map((example) => example.toxic);
    const { threshold } = thresholdAtFalsePositiveRate(validationScores, validationToxic, MAX_VALIDATION_FPR);
    const templateScores = templates.map((sentence) => sigmoid(scorer.score(sentence.text).logit));
    const report = identityBiasReport(templates, templateScores, threshold);
    const worst = report.terms[0]!;
    const flagged = xstest.heldOut.filter((c) => scorer.probability(c.completion) >= threshold).length;
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      `| ${variant.name} | ${rocAuc(validationScores, validationToxic).toFixed(3)} | ${threshold.toFixed(3)} | ${pct(report.overall.falsePositiveRate)} | ${pct(worst.falsePositiveRate)} (${worst.term}) | ` +
        `${pct(report.overall.truePositiveRate)} | ${report.overall.auc.toFixed(3)} | ${flagged} of ${xstest.heldOut.length} |`,
    );
  }
}

main();
