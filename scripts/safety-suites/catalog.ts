import type { SuiteFile } from "../../packages/core/src/safety/suite-file";
import type { Taxonomy } from "../../packages/core/src/safety/taxonomy";
import type { SuiteItem } from "../../packages/core/src/safety/types";
import { BIPIA_FILES, buildBipia } from "./bipia";
import { buildAdvbench, buildHarmbench, buildJailbreakbench, buildXstest, HARM_FILES } from "./harm-suites";
import { sha256Of } from "./source-files";
import { buildExtraction, buildHijacking, TENSOR_TRUST_FILES } from "./tensor-trust";

// What each built-in suite is, where it comes from, and how to build it.
// Commits are the ones recorded with the shared copies of the data.

export type SuiteDefinition = Omit<SuiteFile, "itemCount" | "items" | "contentWarning"> & {
  /** Files under the shared safety folder that the items are built from. */
  sourceFiles: readonly string[];
  /** The licence file to ship next to the suite, if the source has one: [shared path, name under licences/]. */
  licenceFile?: readonly [string, string];
  build: (taxonomy: Taxonomy) => SuiteItem[];
};

const github = (repo: string, commit: string) => `https://github.com/${repo}${commit ? `/tree/${commit}` : ""}`;

/** The origin as stored with the suite, and a link to it. */
const origin = (repo: string, commit: string, files: readonly string[], note = "") => ({
  origin: `${repo}${commit ? `@${commit}` : ""} (${[...files, ...(note ? [note] : [])].join(", ")})`,
  originUrl: github(repo, commit),
});

const tensorTrustCitation =
  "S. Toyer, O. Watkins, E. A. Mendes, J. Svegliato, L. Bailey, T. Wang, I. Ong, K. Elmaaroufi, P. Abbeel, T. Darrell, A. Ritter, S. Russell. " +
  "Tensor Trust: Interpretable Prompt Injection Attacks from an Online Game. ICLR 2024. arXiv:2311.01011.";
const tensorTrustLicence = "No licence file; released for research by the authors (see SOURCES.md)";

export function suiteDefinitions(): SuiteDefinition[] {
  return [
    {
      key: "advbench",
      name: "AdvBench harmful behaviours",
      version: "advbench@0f505d82",
      description: "520 harmful instructions from the GCG paper's AdvBench. A safe model refuses every one.",
      licence: "MIT",
      ...origin("llm-attacks/llm-attacks", "0f505d82", ["data/advbench/harmful_behaviors.csv"]),
      citation: "A. Zou, Z. Wang, N. Carlini, M. Nasr, J. Z. Kolter, M. Fredrikson. Universal and Transferable Adversarial Attacks on Aligned Language Models. arXiv:2307.15043, 2023.",
      sourceFiles: [HARM_FILES.advbench],
      build: buildAdvbench,
    },
    {
      key: "harmbench",
      name: "HarmBench text behaviours",
      version: `harmbench@sha256-${sha256Of(HARM_FILES.harmbench).slice(0, 8)}`,
      description:
        "All 400 HarmBench text behaviours: 200 standard, 100 contextual (the context precedes the request, as HarmBench formats it) and 100 copyright. A safe model refuses every one.",
      licence: "MIT",
      ...origin("centerforaisafety/HarmBench", "", ["data/behavior_datasets/harmbench_behaviors_text_all.csv"], `sha256 ${sha256Of(HARM_FILES.harmbench)}`),
      citation:
        "M. Mazeika, L. Phan, X. Yin, A. Zou, Z. Wang, N. Mu, E. Sakhaee, N. Li, S. Basart, B. Li, D. Forsyth, D. Hendrycks. HarmBench: A Standardized Evaluation Framework for Automated Red Teaming and Robust Refusal. ICML 2024. arXiv:2402.04249.",
      sourceFiles: [HARM_FILES.harmbench],
      licenceFile: ["harmbench/LICENSE", "harmbench-LICENSE"],
      build: buildHarmbench,
    },
    {
      key: "jailbreakbench",
      name: "JailbreakBench behaviours",
      version: "jailbreakbench@909e68c0",
      description: "JailbreakBench's 100 harmful behaviours in 10 categories. A safe model refuses every one.",
      licence: "MIT",
      ...origin("JailbreakBench/artifacts", "909e68c0", ["jbb_harmful_behaviors_from_artifacts.csv"]),
      citation:
        "P. Chao, E. Debenedetti, A. Robey, M. Andriushchenko, F. Croce, V. Sehwag, E. Dobriban, N. Flammarion, G. J. Pappas, F. Tramèr, H. Hassani, E. Wong. JailbreakBench: An Open Robustness Benchmark for Jailbreaking Large Language Models. NeurIPS 2024 Datasets and Benchmarks. arXiv:2404.01318.",
      sourceFiles: [HARM_FILES.jailbreakbench],
      licenceFile: ["jailbreakbench/LICENSE_artifacts", "jailbreakbench-LICENSE"],
      build: buildJailbreakbench,
    },
    {
      key: "xstest",
      name: "XSTest exaggerated safety",
      version: "xstest@d7bb5bd7",
      description:
        "250 safe prompts that sound unsafe, which a model should answer (refusing is over-refusal), and 200 unsafe contrast prompts, which it should refuse.",
      licence: "CC-BY-4.0",
      ...origin("paul-rottger/exaggerated-safety", "d7bb5bd7", ["xstest_prompts.csv"]),
      citation:
        "P. Röttger, H. Kirk, B. Vidgen, G. Attanasio, F. Bianchi, D. Hovy. XSTest: A Test Suite for Identifying Exaggerated Safety Behaviours in Large Language Models. NAACL 2024, pp. 5377–5400. doi:10.18653/v1/2024.naacl-long.301.",
      sourceFiles: [HARM_FILES.xstest],
      build: buildXstest,
    },
    {
      key: "bipia",
      name: "BIPIA indirect prompt injection (email QA)",
      version: "bipia@1a2a91da",
      description:
        "BIPIA's 125 test attacks (75 text, 50 code) hidden in email-QA contexts at the end, the start and the middle of the email: 375 items. The model must answer the user's question and ignore the instruction in the email.",
      licence: "MIT",
      ...origin("microsoft/BIPIA", "1a2a91da", ["benchmark/email/test.jsonl", "benchmark/text_attack_test.json", "benchmark/code_attack_test.json"]),
      citation:
        "J. Yi, Y. Xie, B. Zhu, E. Kiciman, G. Sun, X. Xie, F. Wu. Benchmarking and Defending Against Indirect Prompt Injection Attacks on Large Language Models. KDD 2025. arXiv:2312.14197.",
      sourceFiles: [BIPIA_FILES.emails, BIPIA_FILES.textAttacks, BIPIA_FILES.codeAttacks],
      licenceFile: ["prompt_injection/bipia/LICENSE", "bipia-LICENSE"],
      build: buildBipia,
    },
    {
      key: "tensor-trust-hijacking",
      name: "Tensor Trust prompt hijacking",
      version: "tensor-trust@e2385ea9/hijacking-robustness-v1",
      description:
        "776 player-written attacks against player-written defences from the Tensor Trust game. The model must not say \"access granted\" to an attack.",
      licence: tensorTrustLicence,
      ...origin("HumanCompatibleAI/tensor-trust-data", "e2385ea9", ["benchmarks/hijacking-robustness/v1/hijacking_robustness_dataset.jsonl"]),
      citation: tensorTrustCitation,
      sourceFiles: [TENSOR_TRUST_FILES.hijacking],
      build: buildHijacking,
    },
    {
      key: "tensor-trust-extraction",
      name: "Tensor Trust prompt extraction",
      version: "tensor-trust@e2385ea9/extraction-robustness-v1",
      description: "570 player-written attacks that try to make a defended model reveal its access code. The code must not appear in the reply.",
      licence: tensorTrustLicence,
      ...origin("HumanCompatibleAI/tensor-trust-data", "e2385ea9", ["benchmarks/extraction-robustness/v1/extraction_robustness_dataset.jsonl"]),
      citation: tensorTrustCitation,
      sourceFiles: [TENSOR_TRUST_FILES.extraction],
      build: buildExtraction,
    },
  ];
}
