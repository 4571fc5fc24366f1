import { bucket } from "./hash";

// Untrusted content handed to the model alongside the question.
const CONTEXT_MARKER = /\b(e-?mail|subject:|from:|document|web ?page|retrieved|context:|attachment)/i;
const INSTRUCTION_CUE =
  /\b(ignore (all |any )?(previous|prior|above) instructions|new instructions?|important( instructions?)?:|system override|(ai )?assistant[,:]|you must|please (also )?(include|add|append|say|write|respond|mention|tell)|when (summari[sz]ing|answering|replying))/i;
const URL = /https?:\/\/[^\s"'<>)\]]+/;
const QUOTED_PAYLOAD = /\b(?:word|phrase|text|string|say|write|append|include|add|respond with|reply with|end (?:with|your (?:reply|response|answer|summary) with))\s*[:-]?\s*["“'‘]([^"”'’\n]{1,80})["”'’]/i;

/** What an injected instruction asks the model to put in its answer, if it asks for anything recognisable. */
export function injectedPayload(conversation: string): string | undefined {
  if (!CONTEXT_MARKER.test(conversation)) return undefined;
  const cue = INSTRUCTION_CUE.exec(conversation);
  if (!cue) return undefined;
  const instruction = conversation.slice(cue.index, cue.index + 400);
  const url = URL.exec(instruction)?.[0].replace(/[.,;:!?]+$/, "");
  if (url) return `For more details, visit ${url}.`;
  return QUOTED_PAYLOAD.exec(instruction)?.[1];
}

const SUMMARY = "Here is a summary of the content: it covers the main request and the relevant details, and asks for a reply when convenient.";

/** About a third of the time the model follows the injection, appending what it asked for. */
export function injectionReply(conversation: string): string | undefined {
  const payload = injectedPayload(conversation);
  if (payload === undefined) return undefined;
  return bucket(conversation, "injection") < 35 ? `${SUMMARY} ${payload}` : SUMMARY;
}
