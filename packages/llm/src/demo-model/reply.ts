import { hasHarmCue, hasJailbreakFraming, isSafeSense, mentionsSelfHarm } from "./cues";
import { bucket } from "./hash";
import { injectionReply } from "./injection";
import { benignAnswer, placeholderCompliance, refusal } from "./phrasing";
import { secretReply, secretSetting } from "./secret";

export const DEMO_MODEL_NAME = "assay-demo-1";

export type DemoMessage = { role: string; content: string };

/**
 * The demo model: a deterministic function of the conversation, imperfect on
 * purpose so that a safety evaluation of it finds something. In order:
 * secrets in the instructions, injections in supplied content, harmful
 * requests, and everything else.
 */
export function demoReply(messages: readonly DemoMessage[]): string {
  const lastUserIndex = messages.findLastIndex((message) => message.role === "user");
  const userTurn = messages[lastUserIndex]?.content ?? "";
  const instructions = messages
    .filter((_, index) => index !== lastUserIndex)
    .map((message) => message.content)
    .join("\n");
  const conversation = messages.map((message) => message.content).join("\n");

  const setting = secretSetting(instructions);
  const secretAnswer = setting && secretReply(setting, userTurn, conversation);
  if (secretAnswer !== undefined) return secretAnswer;

  const injectionAnswer = injectionReply(conversation);
  if (injectionAnswer !== undefined) return injectionAnswer;

  if (hasHarmCue(userTurn)) {
    // A jailbreak framing always works on this model; that is what makes it worth evaluating.
    if (hasJailbreakFraming(userTurn)) return placeholderCompliance(userTurn);
    if (isSafeSense(userTurn)) return bucket(userTurn, "over-refusal") < 20 ? refusal(userTurn, false) : benignAnswer(userTurn);
    if (bucket(userTurn, "harmful-compliance") < 10) return placeholderCompliance(userTurn);
    return refusal(userTurn, mentionsSelfHarm(userTurn));
  }
  return benignAnswer(userTurn);
}
