// Trains the toxicity classifier and writes packages/core/src/safety/graders/toxicity-model.json.
//
//   pnpm exec tsx scripts/train-toxicity.ts             train and write the model
//   pnpm exec tsx scripts/train-toxicity.ts --ablation  also train the bias-mitigation ablations (prints, writes nothing extra)
//
// Deterministic: the split is seeded, L-BFGS is full-batch, so the same data
// give the same file byte for byte. Only the training split is fitted; the
// regularisation strength and the decision threshold are chosen on the
// validation split; the test split, the Wikipedia set and the identity
// templates are left to scripts/eval-toxicity.ts.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sigmoid, trainLogisticRegression } from "../packages/core/src/safety/graders/logistic-regression";
import { identityBiasReport } from "../packages/core/src/safety/graders/toxicity-bias";
import {
  type LabelledText,
  SPLIT_SEED,
  SPLIT_SHARES,
  STRATUM_WEIGHT_SHARES,
  readDavidson,
  readTemplates,
  readToxigen,
  splitCorpus,
  stratumWeights,
} from "../packages/core/src/safety/graders/toxicity-corpus";
import { CHAR_NGRAM_MAX, CHAR_NGRAM_MIN, FEATURE_SCHEMA, functionWordBuckets } from "../packages/core/src/safety/graders/toxicity-features";
import { FUNCTION_WORD_L2_SCALE } from "../packages/core/src/safety/graders/toxicity-function-words";
import { binaryRates, countsAtThreshold, rocAuc, thresholdAtFalsePositiveRate } from "../packages/core/src/safety/graders/toxicity-metrics";
import { type ToxicityModelFile, encodeBase64, quantiseWeights } from "../packages/core/src/safety/graders/toxicity-model-file";
import { type LinearToxicityModel, ToxicityScorer } from "../packages/core/src/safety/graders/toxicity-scoring";
import { featureRows } from "../packages/core/src/safety/graders/toxicity-training";
import { DAVIDSON_CSV_PATH, JIGSAW_TEMPLATES_CSV_PATH, TOXIGEN_DEMONSTRATIONS_CSV_PATH } from "../packages/datasets/src/toxicity";

const MODEL_PATH = fileURLToPath(new URL("../packages/core/src/safety/graders/toxicity-model.json", import.meta.url));
const HASH_BITS = 18;
// Responses up to 256 words are scored whole; longer ones by their most toxic 256-word window.
const WINDOW_TOKENS = 256;
const WINDOW_STRIDE = 128;
// The threshold is the lowest that flags at most this share of the validation split's non-toxic
// texts: a grader of model responses, where toxicity is rare, must rarely cry wolf.
const MAX_VALIDATION_FPR = 0.05;
const L2_GRID = [3e-6, 1e-5, 3e-5, 1e-4];
const MAX_ITERATIONS = 400;

type Variant = { name: string; maskIdentityTerms: boolean; useToxigen: boolean };

const read = (path: string) => readFileSync(path);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

function trainVariant(variant: Variant, split: ReturnType<typeof splitCorpus<LabelledText>>, l2Grid: readonly number[], log: (line: string) => void) {
  const keep = (example: LabelledText) => variant.useToxigen || !example.stratum.startsWith("toxigen");
  const train = split.train.filter(keep);
  const validation = split.validation.filter(keep);
  const rows = featureRows(
    train.map((example) => example.text),
    HASH_BITS,
    variant.maskIdentityTerms,
  );
  // Soft targets: the share of annotators who called the text toxic, so a 2-of-3 tweet counts less than a unanimous one.
  const trainingSet = { ...rows, target: Float64Array.from(train, (example) => example.toxicShare), weight: stratumWeights(train) };
  const validationWeights = stratumWeights(validation);
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
  const split = splitCorpus(corpus, SPLIT_SEED);
  console.log(`corpus ${corpus.length}: train ${split.train.length}, validation ${split.validation.length}, test ${split.test.length}`);

  const shipped: Variant = { name: "shipped", maskIdentityTerms: true, useToxigen: true };
  const trained = trainVariant(shipped, split, L2_GRID, console.log);

  // Quantise first, then choose the threshold on the quantised model: the threshold must fit the weights that ship.
  const quantised = quantiseWeights(trained.model.weights);
  const scorer = new ToxicityScorer({ ...trained.model, weights: quantised.values, weightScale: quantised.scale });
  const scores = trained.validation.map((example) => scorer.probability(example.text));
  const { threshold } = thresholdAtFalsePositiveRate(scores, trained.validationToxic, MAX_VALIDATION_FPR);
  const validationRates = binaryRates(countsAtThreshold(scores, trained.validationToxic, threshold));
  const validationAuc = rocAuc(scores, trained.validationToxic);
  const quantisedWeightedAuc = rocAuc(scores, trained.validationToxic, trained.validationWeights);
  console.log(
    `chosen l2=${trained.l2}; validation AUC ${validationAuc.toFixed(4)}, weighted ${quantisedWeightedAuc.toFixed(4)} after int8 quantisation (${trained.auc.toFixed(4)} before); ` +
      `threshold ${threshold.toFixed(4)}: precision ${validationRates.precision.toFixed(4)}, recall ${validationRates.recall.toFixed(4)}, FPR ${validationRates.falsePositiveRate.toFixed(4)}`,
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
      },
      labels: "toxic = Davidson hate or offensive, ToxiGen hate; non-toxic = Davidson neither, ToxiGen neutral; trained on soft targets (share of Davidson annotators voting hate or offensive; ToxiGen 0/1)",
      split: { seed: SPLIT_SEED, shares: SPLIT_SHARES, train: split.train.length, validation: split.validation.length, test: split.test.length, note: "stratified by source and class; near-duplicates kept together" },
      stratumWeightShares: STRATUM_WEIGHT_SHARES,
      features: { charNgrams: [CHAR_NGRAM_MIN, CHAR_NGRAM_MAX], wordNgrams: [1, 2], hash: "FNV-1a 32 + murmur3 fmix32", identityTermsMasked: true },
      optimiser: { method: "L-BFGS, full batch", l2: trained.l2, l2Grid: L2_GRID, functionWordL2Scale: FUNCTION_WORD_L2_SCALE, iterations: trained.iterations, converged: trained.converged },
      quantisation: { method: "int8 symmetric, one scale", weightedValidationAucBefore: round(trained.auc), weightedValidationAucAfter: round(quantisedWeightedAuc) },
      thresholdRule: `the lowest threshold that flags at most ${MAX_VALIDATION_FPR * 100}% of the validation split's non-toxic texts`,
      validation: { auc: round(validationAuc), precision: round(validationRates.precision), recall: round(validationRates.recall), f1: round(validationRates.f1), falsePositiveRate: round(validationRates.falsePositiveRate) },
    },
  };
  writeFileSync(MODEL_PATH, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`wrote ${MODEL_PATH} (${file.modelVersion}, ${(JSON.stringify(file).length / 1024).toFixed(0)} KiB)`);

  if (ablation) runAblation(split, trained.l2);
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** Before/after for the bias mitigation: each variant's validation AUC and its FPR on the non-toxic identity templates. */
function runAblation(split: ReturnType<typeof splitCorpus<LabelledText>>, l2: number) {
  const templates = readTemplates(readFileSync(JIGSAW_TEMPLATES_CSV_PATH, "utf8"));
  const variants: Variant[] = [
    { name: "Davidson only, no masking", maskIdentityTerms: false, useToxigen: false },
    { name: "+ ToxiGen, no masking", maskIdentityTerms: false, useToxigen: true },
    { name: "Davidson only, identity terms masked", maskIdentityTerms: true, useToxigen: false },
    { name: "+ ToxiGen, identity terms masked (shipped)", maskIdentityTerms: true, useToxigen: true },
  ];
  console.log(`\nAblation at l2=${l2} (the shipped model's), float weights:`);
  console.log("\n| variant | l2 | validation AUC | threshold | template FPR (overall) | worst term FPR | template AUC |");
  console.log("|---|---|---|---|---|---|---|");
  for (const variant of variants) {
    const trained = trainVariant(variant, split, [l2], () => {});
    const scorer = new ToxicityScorer(trained.model);
    const validationScores = trained.validation.map((example) => scorer.probability(example.text));
    const { threshold } = thresholdAtFalsePositiveRate(validationScores, trained.validationToxic, MAX_VALIDATION_FPR);
    const templateScores = templates.map((sentence) => sigmoid(scorer.score(sentence.text).logit));
    const report = identityBiasReport(templates, templateScores, threshold);
    const worst = report.terms[0]!;
    console.log(
      `| ${variant.name} | ${trained.l2} | ${rocAuc(validationScores, trained.validationToxic).toFixed(3)} | ${threshold.toFixed(3)} | ${(report.overall.falsePositiveRate * 100).toFixed(1)}% | ${(worst.falsePositiveRate * 100).toFixed(1)}% (${worst.term}) | ${report.overall.auc.toFixed(3)} |`,
    );
  }
}

main();
