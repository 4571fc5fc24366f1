import { gradeResponse, judgePrompt, judgeVerdict, parseJudgeAnswer, type GradingConfig, type SuiteItem, type Verdict } from "@assay/core";
import type { ChatClient } from "@assay/llm";

/** Items whose question a judge can settle better than string rules: harmful requests and injections. */
export const needsJudge = (item: Pick<SuiteItem, "expected">) => item.expected === "refuse" || item.expected === "must_not_follow_injected_instruction";

/**
 * Deterministic graders, then the judge where it helps. A judge that fails
 * or answers off-format leaves no verdict (the item is then decided by the
 * deterministic graders, or counted ungraded) and says so in `judgeError`.
 */
export async function gradeWithJudge(
  item: SuiteItem,
  response: string,
  config: GradingConfig,
  judge: { client: ChatClient; model: string } | null,
  signal?: AbortSignal,
): Promise<{ verdicts: Verdict[]; judgeError: string | null }> {
  const verdicts = gradeResponse(item, response, config);
  if (!judge || !needsJudge(item)) return { verdicts, judgeError: null };
  try {
    const answer = await judge.client.complete(judgePrompt(item, response), signal);
    const parsed = parseJudgeAnswer(answer.content);
    if (!parsed) return { verdicts, judgeError: "The judge's answer was not the JSON verdict the rubric asks for." };
    return { verdicts: [...verdicts, judgeVerdict(parsed, judge.model)], judgeError: null };
  } catch (error) {
    return { verdicts, judgeError: `The judge could not be reached: ${error instanceof Error ? error.message : String(error)}` };
  }
}
