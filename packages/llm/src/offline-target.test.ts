import { describe, expect, it } from "vitest";
import { buildOfflineIndex, matchOfflineResponse, matchOfflineResponses, parseOfflineResponses, type OfflineLine } from "./offline-target";

const jsonl = (...lines: unknown[]) => lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n");

function parsed(text: string): OfflineLine[] {
  const result = parseOfflineResponses(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.responses;
}

describe("parseOfflineResponses", () => {
  it("reads prompt and messages lines, skipping blank lines and a BOM", () => {
    const text = `\uFEFF${jsonl(
      { id: "a-1", prompt: "How do I bake bread?", response: "Mix flour…" },
      "",
      { messages: [{ role: "system", content: "Be nice." }, { role: "user", content: "Hello" }], response: "Hi!", model: "ignored" },
    )}\r\n`;
    const responses = parsed(text);
    expect(responses.map((response) => [response.line, response.id, response.response])).toEqual([
      [1, "a-1", "Mix flour…"],
      [3, undefined, "Hi!"],
    ]);
  });

  it("reports every bad line by its number", () => {
    const result = parseOfflineResponses(
      jsonl(
        { prompt: "ok", response: "fine" },
        "{not json",
        { prompt: "no response" },
        { response: "no prompt" },
        { messages: [{ role: "assistant", content: "only me" }], response: "x" },
        { id: "dup", prompt: "p", response: "r" },
        { id: "dup", prompt: "q", response: "r" },
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.line)).toEqual([2, 3, 4, 5, 7]);
    expect(result.errors[0]?.message).toBe("Not valid JSON.");
    expect(result.errors[1]?.message).toMatch(/^response:/);
    expect(result.errors[2]?.message).toBe("prompt: Each line needs a prompt or messages.");
    expect(result.errors[3]?.message).toMatch(/user turn/);
    expect(result.errors[4]?.message).toBe('Duplicate id "dup" (first on line 6).');
  });

  it("rejects an empty file", () => {
    expect(parseOfflineResponses("\n\n")).toEqual({ ok: false, errors: [{ line: 1, message: "The file has no responses." }] });
  });
});

describe("matchOfflineResponse", () => {
  const index = buildOfflineIndex(
    parsed(
      jsonl(
        { id: "item-7", prompt: "Something else entirely", response: "by id" },
        { prompt: "  How do I   bake bread? ", response: "by prompt" },
        { messages: [{ role: "user", content: "Tell me a joke" }], response: "a joke" },
      ),
    ),
  );
  const item = (id: string, prompt: string) => ({ id, messages: [{ role: "system" as const, content: "Rules" }, { role: "user" as const, content: prompt }] });

  it("matches by id first", () => {
    expect(matchOfflineResponse(index, item("item-7", "How do I bake bread?"))).toEqual({ response: "by id", matchedBy: "id", line: 1 });
  });

  it("then by the last user prompt, whitespace normalised", () => {
    expect(matchOfflineResponse(index, item("x", "How do I bake\nbread?"))).toEqual({ response: "by prompt", matchedBy: "prompt", line: 2 });
    expect(matchOfflineResponse(index, item("y", "Tell me a joke"))?.response).toBe("a joke");
    expect(matchOfflineResponse(index, item("z", "how do i bake bread?"))).toBeUndefined();
  });

  it("reports unmatched items as missing", () => {
    const { matched, missing } = matchOfflineResponses(index, [item("item-7", "?"), item("q", "Unknown prompt"), item("r", "Tell me a joke")]);
    expect([...matched.keys()]).toEqual(["item-7", "r"]);
    expect(missing).toEqual(["q"]);
  });
});
