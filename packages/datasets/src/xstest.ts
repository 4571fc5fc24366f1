import { fileURLToPath } from "node:url";

// XSTest (Röttger et al., NAACL 2024): prompts for exaggerated-safety testing and two models' completions
// with human refusal labels. Origin, licence and columns are in ../safety/xstest/SOURCE.md.

/** The 450 XSTest prompts: 250 safe, 200 unsafe contrast prompts (`id,prompt,type,label,focus,note`). */
export const XSTEST_PROMPTS_CSV_PATH = fileURLToPath(new URL("../safety/xstest/xstest_prompts.csv", import.meta.url));

/**
 * GPT-4's completions of the 450 prompts with two human annotations, the adjudicated `final_label`
 * (1_full_compliance, 2_full_refusal, 3_partial_refusal) and XSTest's own string-match label.
 */
export const XSTEST_GPT4_COMPLETIONS_CSV_PATH = fileURLToPath(new URL("../safety/xstest/xstest_v2_completions_gpt4_streval.csv", import.meta.url));

/** The same for Llama 2 chat run with Meta's original system prompt (the paper's "llama2orig"). */
export const XSTEST_LLAMA2ORIG_COMPLETIONS_CSV_PATH = fileURLToPath(
  new URL("../safety/xstest/xstest_v2_completions_llama2orig_streval.csv", import.meta.url),
);

/** SHA-256 of each file as copied from its source, so a test can prove the bytes are unchanged. */
export const XSTEST_SHA256 = {
  promptsCsv: "11783fb294ed017473ee53c207d71f2161c7672c8d0b037501e78387f801cb5a",
  gpt4CompletionsCsv: "5cc07ac42f62009d4ff33d9b5dc96c329d43ae8076db89712f7b56637368c5f7",
  llama2origCompletionsCsv: "538f284005f829af76fd48cbe82334ab1c593b8193b62421866cc56929cc9881",
} as const;
