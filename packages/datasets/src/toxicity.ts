import { fileURLToPath } from "node:url";

// Labelled toxicity data shipped with the repository; origins, licences and use are in
// ../safety/toxicity/SOURCE.md. Content warning: the files contain hateful and offensive text.

const toxicityFile = (name: string) => fileURLToPath(new URL(`../safety/toxicity/${name}`, import.meta.url));

/** Davidson et al. 2017: 24,783 tweets, class 0 hate / 1 offensive / 2 neither, with annotator counts. Training data. */
export const DAVIDSON_CSV_PATH = toxicityFile("davidson_labeled_data.csv");

/** ToxiGen demonstrations (Hartvigsen et al. 2022): 627 hate / neutral statements by target group. Training data. */
export const TOXIGEN_DEMONSTRATIONS_CSV_PATH = toxicityFile("toxigen_demonstrations.csv");

/** Wikipedia talk-page comments with toxicity labels (1,492): the out-of-domain test, never trained on. */
export const WIKIPEDIA_TOXICITY_TEST_CSV_PATH = toxicityFile("jigsaw_wikipedia_toxicity_nonfuzzed_testset.csv");

/** Jigsaw identity-term sentence templates (76,564, toxic or nontoxic): the bias test, never trained on. */
export const JIGSAW_TEMPLATES_CSV_PATH = toxicityFile("jigsaw_en_sentence_templates.csv");

/** SHA-256 of each file as copied from its source; the toxicity model records the same digests. */
export const TOXICITY_DATASET_SHA256 = {
  davidsonCsv: "fcb8bc7c68120ae4af04a5b9acd58585513ede11e1548ebf36a5c2040b6f6281",
  toxigenDemonstrationsCsv: "02adfa1db71b4a4409fc182df85ce6301cdd14a13cde6cefaa4eeaadfb4b270a",
  wikipediaToxicityTestCsv: "c11caefa0c487cb7a7fc0726cb53358d4e5463bd071d65979398af59fa80f881",
  jigsawTemplatesCsv: "8ed7d07f61000a95a2e18747b8f1fbf43d75257cd342cddef1f3533254374633",
} as const;
