import { parseCsv } from "../../fairness/csv-testkit";
import { createRandom } from "../../stats/random";

// Readers for the labelled toxicity sets in packages/datasets/safety/toxicity
// (origins in SOURCE.md there) and the one deterministic train / validation /
// test split that the training script, the evaluation script and the held-out
// test all use. Pure: callers read the files and pass their text.

export type TrainingStratum =
  | "davidson_hate"
  | "davidson_offensive"
  | "davidson_neither"
  | "toxigen_hate"
  | "toxigen_neutral"
  | "wikipedia_toxic"
  | "wikipedia_nontoxic"
  | "assistant_nontoxic";

export type LabelledText = {
  text: string;
  toxic: boolean;
  stratum: TrainingStratum;
  /** Share of annotators who called it toxic (hate or offensive); 0 or 1 where only a label is given. */
  toxicShare: number;
};

export type WikipediaComment = { revisionId: string; text: string; toxic: boolean };

export type TemplateSentence = {
  text: string;
  toxic: boolean;
  template: string;
  /** The identity term the sentence is about; null for the occupation control templates. */
  identityTerm: string | null;
};

/**
 * Each stratum's share of the total training weight. Toxic and non-toxic get
 * half each, so the model is not simply told that most tweets are offensive
 * (78% of Davidson is). Within the toxic half, Davidson's "offensive" class is
 * capped at half so that hate (Davidson "hate" and ToxiGen's implicit hate)
 * weighs as much as swearing. The non-toxic half is split three ways:
 * Davidson's "neither" tweets (30%), the everyday language the swearing is
 * contrasted with; ToxiGen's neutral statements (15%), which mention a group
 * without attacking it and teach the model that naming a group is not toxic;
 * and sentences of assistant answers (5%, XSTest completions of half the
 * prompts, see assistantAsLabelled), because the grader reads model
 * responses: trained on tweets alone, the model scored the commonest refusal
 * ("Sorry, but I can't assist with that.") as toxic, since tweets have no such
 * register and "assist" shares its character n-grams with "ass". The 5% is
 * taken from Davidson "neither" (35% before); ToxiGen's share is unchanged
 * because the identity-term bias depends on it. The assistant share is kept
 * small because the more weight its short, plain sentences get, the lower the
 * model's intercept and the fewer short insults it flags: at 10% the identity
 * templates' true-positive rate fell from 40% to 20% (docs/graders.md,
 * "Toxicity", lists the shares tried and what each gave).
 */
export type StratumShares = Readonly<Record<TrainingStratum, number>>;

export const STRATUM_WEIGHT_SHARES: StratumShares = {
  davidson_offensive: 0.25,
  davidson_hate: 0.15,
  toxigen_hate: 0.1,
  wikipedia_toxic: 0,
  davidson_neither: 0.3,
  toxigen_neutral: 0.15,
  assistant_nontoxic: 0.05,
  wikipedia_nontoxic: 0,
};

export const SPLIT_SEED = 20_251_123;
export const SPLIT_SHARES = { train: 0.7, validation: 0.1, test: 0.2 } as const;

/**
 * The identity terms of Jigsaw's bias analysis (unintended-ml-bias-analysis). The English templates use
 * 50 of them: every term but "cis".
 */
export const TEMPLATE_IDENTITY_TERMS: readonly string[] = [
  "lesbian", "gay", "bisexual", "transgender", "trans", "cis", "queer", "lgbt", "lgbtq", "homosexual", "straight", "heterosexual",
  "male", "female", "nonbinary", "african", "african american", "black", "white", "european", "hispanic", "latino", "latina",
  "latinx", "mexican", "canadian", "american", "asian", "indian", "middle eastern", "chinese", "japanese", "christian", "muslim",
  "jewish", "buddhist", "catholic", "protestant", "sikh", "taoist", "old", "older", "young", "younger", "teenage", "millenial",
  "middle aged", "elderly", "blind", "deaf", "paralyzed",
];

type Table = { header: string[]; rows: string[][] };

function readTable(csv: string): Table {
  const [header, ...rows] = parseCsv(csv).filter((row) => row.length > 1);
  if (!header) throw new Error("empty CSV");
  return { header, rows };
}

function column(table: Table, name: string): number {
  const index = table.header.indexOf(name);
  if (index < 0) throw new Error(`CSV has no column "${name}" (columns: ${table.header.join(", ")})`);
  return index;
}

/** Davidson et al. 2017: class 0 hate, 1 offensive, 2 neither, with annotator counts. */
export function readDavidson(csv: string): LabelledText[] {
  const table = readTable(csv);
  const [count, hate, offensive, label, tweet] = ["count", "hate_speech", "offensive_language", "class", "tweet"].map((name) => column(table, name)) as [number, number, number, number, number];
  return table.rows.map((row) => {
    const cls = row[label];
    const stratum: TrainingStratum = cls === "0" ? "davidson_hate" : cls === "1" ? "davidson_offensive" : "davidson_neither";
    const toxicShare = (Number(row[hate]) + Number(row[offensive])) / Number(row[count]);
    return { text: row[tweet] ?? "", toxic: cls !== "2", stratum, toxicShare };
  });
}

/** ToxiGen demonstrations (Hartvigsen et al. 2022): "hate" or "neutral" statements about a target group. */
export function readToxigen(csv: string): LabelledText[] {
  const table = readTable(csv);
  const label = column(table, "label");
  const text = column(table, "text");
  return table.rows.map((row) => {
    const toxic = row[label] === "hate";
    return { text: row[text] ?? "", toxic, stratum: toxic ? "toxigen_hate" : "toxigen_neutral", toxicShare: toxic ? 1 : 0 };
  });
}

/** The Wikipedia talk-page toxicity test set (Wulczyn et al. 2017, as released by Jigsaw). */
export function readWikipedia(csv: string): WikipediaComment[] {
  const table = readTable(csv);
  const [id, comment, toxic] = ["rev_id", "comment", "toxic"].map((name) => column(table, name)) as [number, number, number];
  return table.rows.map((row) => ({ revisionId: row[id] ?? "", text: row[comment] ?? "", toxic: row[toxic] === "True" }));
}

export function wikipediaAsLabelled(comments: readonly WikipediaComment[]): LabelledText[] {
  return comments.map((c) => ({ text: c.text, toxic: c.toxic, stratum: c.toxic ? "wikipedia_toxic" : "wikipedia_nontoxic", toxicShare: c.toxic ? 1 : 0 }));
}

/** One row of an XSTest completions file (`xstest_v2_completions_<model>_streval.csv`): a model's answer to one prompt. */
export type XstestCompletion = {
  /** The prompt's id ("v2-1"); the same prompt has the same id in every completions file. */
  promptId: string;
  /** XSTest's prompt type; unsafe contrast prompts start with "contrast_". */
  type: string;
  prompt: string;
  completion: string;
  /** The adjudicated human refusal label (1_full_compliance, 2_full_refusal, 3_partial_refusal). */
  finalLabel: string;
  /** Which completions file the row came from ("gpt4", "llama2orig"). */
  model: string;
};

/** XSTest completions (Röttger et al. 2024): model answers with human refusal labels, none of them toxic language. */
export function readXstestCompletions(csv: string, model: string): XstestCompletion[] {
  const table = readTable(csv);
  const [id, type, prompt, completion, finalLabel] = ["id", "type", "prompt", "completion", "final_label"].map((name) => column(table, name)) as [number, number, number, number, number];
  return table.rows.map((row) => ({
    promptId: row[id] ?? "",
    type: row[type] ?? "",
    prompt: row[prompt] ?? "",
    completion: row[completion] ?? "",
    finalLabel: row[finalLabel] ?? "",
    model,
  }));
}

/** Fewer letter-or-digit words than this and a sentence is dropped ("Sure!", "1.", a lone code line): too little to learn from. */
export const ANSWER_SENTENCE_MIN_WORDS = 3;

/**
 * An answer's sentences and lines: cut after ".", "!", "?" or ":" followed by
 * white space, and at every line break (list items, code lines); pieces with
 * fewer than ANSWER_SENTENCE_MIN_WORDS words are dropped.
 */
export function answerSentences(answer: string): string[] {
  return answer
    .split(/(?<=[.!?:])\s+|\n+/)
    .map((piece) => piece.trim())
    .filter((piece) => (piece.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) >= ANSWER_SENTENCE_MIN_WORDS);
}

/**
 * Assistant answers as non-toxic training text, one example per sentence
 * (answerSentences). Whether an answer refuses or complies, its language is
 * not toxic. Sentences, not whole answers, because the other strata are
 * tweets and one-sentence statements: a whole answer has so many features
 * that the model explains it by them and learns nothing about short texts,
 * while its intercept drifts up (whole answers at a 10% share doubled the
 * identity-template false-positive rate; see docs/graders.md).
 * Sentences repeated across answers are kept, so the commonest refusals weigh
 * as much as they occur.
 */
export function assistantAsLabelled(completions: readonly XstestCompletion[]): LabelledText[] {
  return completions.flatMap((c) => answerSentences(c.completion).map((text): LabelledText => ({ text, toxic: false, stratum: "assistant_nontoxic", toxicShare: 0 })));
}

export const XSTEST_SPLIT_SEED = 20_251_124;
/** Half of the XSTest prompts are held out for evaluation; the other half is split train : validation as SPLIT_SHARES splits the rest. */
export const XSTEST_HELD_OUT_SHARE = 0.5;

export type XstestSplit = { train: XstestCompletion[]; validation: XstestCompletion[]; heldOut: XstestCompletion[] };

/** Counts per group that add up to round(share · total), each within one of share · its size (cumulative rounding). */
function cumulativeCounts(sizes: readonly number[], share: number): number[] {
  let total = 0;
  let taken = 0;
  return sizes.map((size) => {
    total += size * share;
    const count = Math.round(total) - taken;
    taken += count;
    return count;
  });
}

/**
 * Splits XSTest completions by prompt, so every model's answer to one prompt
 * lands on the same side: seeded, stratified by prompt type (each type gives
 * half its prompts to the held-out side). Only the held-out answers may be
 * used to measure false alarms; the rest are training (7/8) and validation
 * (1/8) text for the `assistant_nontoxic` stratum. Answers repeated verbatim
 * across prompts (GPT-4 gives "Sorry, but I can't assist with that." to 182
 * prompts) are on both sides: the split is by prompt, not by text.
 */
export function splitXstestByPrompt(completions: readonly XstestCompletion[], seed: number = XSTEST_SPLIT_SEED): XstestSplit {
  const typeOf = new Map<string, string>();
  for (const c of completions) {
    const known = typeOf.get(c.promptId);
    if (known !== undefined && known !== c.type) throw new Error(`XSTest prompt ${c.promptId} has two types: ${known}, ${c.type}`);
    typeOf.set(c.promptId, c.type);
  }
  const byType = new Map<string, string[]>();
  for (const [promptId, type] of typeOf) byType.set(type, [...(byType.get(type) ?? []), promptId]);
  const types = [...byType.keys()].sort();
  const random = createRandom(seed);
  const lists = types.map((type) => {
    // Sorted first so the split does not depend on the order of the files' rows.
    const list = byType.get(type)!.sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random.nextFloat() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  });
  const heldOutCounts = cumulativeCounts(lists.map((list) => list.length), XSTEST_HELD_OUT_SHARE);
  const validationShare = SPLIT_SHARES.validation / (SPLIT_SHARES.train + SPLIT_SHARES.validation);
  const validationCounts = cumulativeCounts(lists.map((list, k) => list.length - heldOutCounts[k]!), validationShare);
  const side = new Map<string, keyof XstestSplit>();
  lists.forEach((list, k) => {
    const heldOutEnd = heldOutCounts[k]!;
    const validationEnd = heldOutEnd + validationCounts[k]!;
    list.forEach((promptId, index) => side.set(promptId, index < heldOutEnd ? "heldOut" : index < validationEnd ? "validation" : "train"));
  });
  const split: XstestSplit = { train: [], validation: [], heldOut: [] };
  for (const c of completions) split[side.get(c.promptId)!].push(c);
  return split;
}

// Longest first, so "african american" wins over "african" and "american".
const TERMS_LONGEST_FIRST = [...TEMPLATE_IDENTITY_TERMS].sort((a, b) => b.length - a.length);

/** The template's identity term: the longest listed term that occurs as whole words. */
export function templateIdentityTerm(sentence: string): string | null {
  const padded = ` ${sentence.toLowerCase()} `;
  return TERMS_LONGEST_FIRST.find((term) => padded.includes(` ${term} `)) ?? null;
}

/** Jigsaw's identity-term sentence templates (Dixon et al. 2018): the bias test, never training data. */
export function readTemplates(csv: string): TemplateSentence[] {
  const table = readTable(csv);
  const [template, toxicity, phrase] = ["template", "toxicity", "phrase"].map((name) => column(table, name)) as [number, number, number];
  return table.rows.map((row) => {
    const text = row[phrase] ?? "";
    const kind = row[template] ?? "";
    return { text, toxic: row[toxicity] === "toxic", template: kind, identityTerm: kind === "you_occupation" ? null : templateIdentityTerm(text) };
  });
}

/** Texts that differ only in mentions, links, retweet marks and punctuation are one text for splitting. */
export function duplicateKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/@\w+|https?:\/\/\S+|&#?\w+;|\brt\b/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export type CorpusSplit<T> = { train: T[]; validation: T[]; test: T[] };

/**
 * Stratified, seeded split. Near-duplicates (retweets of one tweet) are kept
 * together so the test split never holds a copy of a training text; each group
 * is split with the stratum of its first row.
 */
export function splitCorpus<T extends LabelledText>(examples: readonly T[], seed: number = SPLIT_SEED): CorpusSplit<T> {
  const groups = new Map<string, T[]>();
  for (const example of examples) {
    const key = duplicateKey(example.text);
    const group = groups.get(key);
    if (group) group.push(example);
    else groups.set(key, [example]);
  }
  const byStratum = new Map<TrainingStratum, T[][]>();
  for (const group of groups.values()) {
    const stratum = group[0]!.stratum;
    const list = byStratum.get(stratum) ?? [];
    list.push(group);
    byStratum.set(stratum, list);
  }
  const split: CorpusSplit<T> = { train: [], validation: [], test: [] };
  const random = createRandom(seed);
  for (const stratum of [...byStratum.keys()].sort()) {
    const list = byStratum.get(stratum)!;
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random.nextFloat() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    const testEnd = Math.round(list.length * SPLIT_SHARES.test);
    const validationEnd = testEnd + Math.round(list.length * SPLIT_SHARES.validation);
    list.forEach((group, index) => (index < testEnd ? split.test : index < validationEnd ? split.validation : split.train).push(...group));
  }
  return split;
}

const TOXIC_STRATA: ReadonlySet<TrainingStratum> = new Set(["davidson_hate", "davidson_offensive", "toxigen_hate", "wikipedia_toxic"]);

/**
 * Per-example weights that give each stratum its STRATUM_WEIGHT_SHARES share,
 * normalised to mean 1. Shares are renormalised within each class over the
 * strata present, so toxic and non-toxic keep half the weight each even when a
 * source is left out (the training script's ablations).
 */
export function stratumWeights(examples: readonly LabelledText[], shares: StratumShares = STRATUM_WEIGHT_SHARES, toxicClassShare = 0.5): Float64Array {
  const counts = new Map<TrainingStratum, number>();
  for (const example of examples) counts.set(example.stratum, (counts.get(example.stratum) ?? 0) + 1);
  const classShare = (toxic: boolean) => [...counts.keys()].filter((s) => TOXIC_STRATA.has(s) === toxic).reduce((sum, s) => sum + shares[s], 0);
  const toxicShare = classShare(true);
  const nonToxicShare = classShare(false);
  return Float64Array.from(examples, (example) => {
    const toxic = TOXIC_STRATA.has(example.stratum);
    const share = (shares[example.stratum] / (toxic ? toxicShare : nonToxicShare)) * (toxic ? toxicClassShare : 1 - toxicClassShare);
    return (share * examples.length) / counts.get(example.stratum)!;
  });
}
