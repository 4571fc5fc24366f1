import { describe, expect, it } from "vitest";
import { chatTargetBody, formFromTarget, NEW_CHAT_TARGET, offlineProblems, type ChatTargetForm } from "./target-form-data";

const form = (over: Partial<ChatTargetForm> = {}): ChatTargetForm => ({
  ...NEW_CHAT_TARGET,
  name: " Support bot v3 ",
  baseUrl: "http://127.0.0.1:4010/v1",
  model: "assay-demo-1",
  ...over,
});

describe("chatTargetBody", () => {
  it("builds the body with numbers, nulls for empty optional fields and timeouts in ms", () => {
    expect(chatTargetBody(form({ apiKey: "sk-123", timeoutSeconds: "2.5", requestsPerSecond: "4" }))).toEqual({
      body: {
        name: "Support bot v3",
        modelVersionId: null,
        baseUrl: "http://127.0.0.1:4010/v1",
        model: "assay-demo-1",
        apiKey: "sk-123",
        systemPrompt: null,
        temperature: 0,
        maxTokens: 512,
        concurrency: 8,
        requestsPerSecond: 4,
        timeoutMs: 2500,
        inputPricePerMTok: null,
        outputPricePerMTok: null,
      },
    });
  });

  it("sends the key only to set or remove it", () => {
    expect(chatTargetBody(form({ apiKeyAction: "replace", apiKey: "" }))).not.toHaveProperty("body.apiKey");
    expect(chatTargetBody(form({ apiKeyAction: "keep", apiKey: "ignored" }))).not.toHaveProperty("body.apiKey");
    expect(chatTargetBody(form({ apiKeyAction: "remove" }))).toHaveProperty("body.apiKey", "");
  });

  it("names every field to fix", () => {
    const result = chatTargetBody(
      form({ name: "", baseUrl: "ftp://x", model: " ", temperature: "3", maxTokens: "1.5", concurrency: "", timeoutSeconds: "0", requestsPerSecond: "0", inputPricePerMTok: "-1" }),
    );
    expect(result).toEqual({
      errors: {
        name: "Name the target.",
        baseUrl: "Enter a full http:// or https:// URL, e.g. http://localhost:8000/v1.",
        model: "Enter the model name the endpoint expects.",
        temperature: "The maximum is 2.",
        maxTokens: "Enter a whole number.",
        concurrency: "Enter how many requests may run at once.",
        timeoutMs: "The minimum is 1.",
        requestsPerSecond: "Enter a number above 0.",
        inputPricePerMTok: "The minimum is 0.",
      },
    });
  });
});

describe("formFromTarget", () => {
  it("fills the form from a stored target without its key, and round-trips", () => {
    const stored = {
      name: "Prod",
      modelVersionId: "v1",
      baseUrl: "https://api.example.com/v1",
      model: "m",
      systemPrompt: "Be helpful.",
      temperature: 0.7,
      maxTokens: 256,
      concurrency: 4,
      requestsPerSecond: null,
      timeoutMs: 30_000,
      inputPricePerMTok: 0.15,
      outputPricePerMTok: 0.6,
    };
    const f = formFromTarget(stored);
    expect(f.apiKeyAction).toBe("keep");
    expect(f.apiKey).toBe("");
    expect(f.timeoutSeconds).toBe("30");
    expect(chatTargetBody(f)).toEqual({ body: stored });
  });
});

describe("offlineProblems", () => {
  it("numbers the lines of the server's problems", () => {
    expect(offlineProblems({ problems: [{ line: 2, message: "Not valid JSON." }, { message: "Odd" }, 3] })).toEqual(["Line 2: Not valid JSON.", "Odd"]);
    expect(offlineProblems([{ path: "name", message: "x" }])).toEqual([]);
  });
});
