import { z } from "zod";
import { chatMessageSchema, type ChatMessage } from "./chat-message";

/**
 * One line of an uploaded JSONL of recorded answers, for a model that cannot
 * be called (an offline target). Unknown keys are ignored so that exports from
 * other tools, which carry extra fields, upload as they are.
 */
export const offlineResponseSchema = z
  .object({
    id: z.string().trim().min(1).max(200).optional(),
    prompt: z.string().min(1).max(200_000).optional(),
    messages: z.array(chatMessageSchema).min(1).max(50).optional(),
    response: z.string().max(200_000),
  })
  .superRefine((line, ctx) => {
    if (line.prompt === undefined && line.messages === undefined) ctx.addIssue({ code: "custom", path: ["prompt"], message: "Each line needs a prompt or messages." });
    if (line.messages && !line.messages.some((message) => message.role === "user"))
      ctx.addIssue({ code: "custom", path: ["messages"], message: "messages needs at least one user turn." });
  });
export type OfflineResponse = z.infer<typeof offlineResponseSchema>;
export const offlineResponsesSchema = z.array(offlineResponseSchema);

export type OfflineLine = OfflineResponse & { line: number };
export type OfflineParseError = { line: number; message: string };
export type OfflineParseResult = { ok: true; responses: OfflineLine[] } | { ok: false; errors: OfflineParseError[] };

// Enough to fix a file in one go without drowning the upload form.
const MAX_REPORTED_ERRORS = 20;

/** Parses JSONL (blank lines allowed), reporting every bad line by its 1-based number. */
export function parseOfflineResponses(jsonlText: string): OfflineParseResult {
  const responses: OfflineLine[] = [];
  const errors: OfflineParseError[] = [];
  const seenIds = new Map<string, number>();
  const lines = jsonlText.replace(/^\uFEFF/, "").split(/\r?\n/);

  lines.forEach((text, position) => {
    const line = position + 1;
    if (text.trim() === "" || errors.length >= MAX_REPORTED_ERRORS) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      errors.push({ line, message: "Not valid JSON." });
      return;
    }
    const parsed = offlineResponseSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      errors.push({ line, message: `${where}${issue?.message ?? "invalid"}` });
      return;
    }
    const { id } = parsed.data;
    const firstLine = id === undefined ? undefined : seenIds.get(id);
    if (firstLine !== undefined) {
      errors.push({ line, message: `Duplicate id "${id}" (first on line ${firstLine}).` });
      return;
    }
    if (id !== undefined) seenIds.set(id, line);
    responses.push({ ...parsed.data, line });
  });

  if (errors.length > 0) return { ok: false, errors };
  if (responses.length === 0) return { ok: false, errors: [{ line: 1, message: "The file has no responses." }] };
  return { ok: true, responses };
}

/** Case is kept: "Kill" and "kill" can be different prompts; whitespace differences are export noise. */
export const normalisePrompt = (text: string): string => text.replace(/\s+/g, " ").trim();

const lastUserPrompt = (messages: readonly ChatMessage[]): string | undefined => messages.findLast((message) => message.role === "user")?.content;

export type OfflineIndex = { byId: ReadonlyMap<string, OfflineLine>; byPrompt: ReadonlyMap<string, OfflineLine> };

/** When a prompt appears twice, the first line wins, as the file reads top to bottom. */
export function buildOfflineIndex(responses: readonly OfflineLine[]): OfflineIndex {
  const byId = new Map<string, OfflineLine>();
  const byPrompt = new Map<string, OfflineLine>();
  for (const response of responses) {
    if (response.id !== undefined) byId.set(response.id, response);
    const prompt = response.prompt ?? lastUserPrompt(response.messages ?? []);
    if (prompt !== undefined && !byPrompt.has(normalisePrompt(prompt))) byPrompt.set(normalisePrompt(prompt), response);
  }
  return { byId, byPrompt };
}

export type OfflineItem = { id: string; messages: readonly ChatMessage[] };
export type OfflineMatch = { response: string; matchedBy: "id" | "prompt"; line: number };

export function matchOfflineResponse(index: OfflineIndex, item: OfflineItem): OfflineMatch | undefined {
  const byId = index.byId.get(item.id);
  if (byId) return { response: byId.response, matchedBy: "id", line: byId.line };
  const prompt = lastUserPrompt(item.messages);
  const byPrompt = prompt === undefined ? undefined : index.byPrompt.get(normalisePrompt(prompt));
  return byPrompt && { response: byPrompt.response, matchedBy: "prompt", line: byPrompt.line };
}

/** Every item's recorded answer, and the ids of items the file has no answer for. */
export function matchOfflineResponses(index: OfflineIndex, items: readonly OfflineItem[]): { matched: Map<string, OfflineMatch>; missing: string[] } {
  const matched = new Map<string, OfflineMatch>();
  const missing: string[] = [];
  for (const item of items) {
    const match = matchOfflineResponse(index, item);
    if (match) matched.set(item.id, match);
    else missing.push(item.id);
  }
  return { matched, missing };
}
