import { describe, expect, it } from "vitest";
import { costUsd, MODEL_PRICES, priceFor } from "./pricing";

describe("priceFor", () => {
  it("matches exact names, case-insensitively", () => {
    expect(priceFor("gpt-4o")).toEqual({ inputUsdPerMillion: 2.5, outputUsdPerMillion: 10 });
    expect(priceFor("GPT-4o-mini")).toBe(MODEL_PRICES["gpt-4o-mini"]);
  });

  it("matches dated snapshots and tags by the longest prefix", () => {
    expect(priceFor("gpt-4o-2024-08-06")).toBe(MODEL_PRICES["gpt-4o"]);
    expect(priceFor("gpt-4o-mini-2024-07-18")).toBe(MODEL_PRICES["gpt-4o-mini"]);
    expect(priceFor("gpt-4.1-mini-2025-04-14")).toBe(MODEL_PRICES["gpt-4.1-mini"]);
    expect(priceFor("gpt-4.1-nano")).toBe(MODEL_PRICES["gpt-4.1-nano"]);
    expect(priceFor("claude-3-5-sonnet-20241022")).toBe(MODEL_PRICES["claude-3-5-sonnet"]);
    expect(priceFor("o3-mini-2025-01-31")).toBe(MODEL_PRICES["o3-mini"]);
    expect(priceFor("llama3.1:8b-instruct-q4_K_M")).toEqual({ inputUsdPerMillion: 0, outputUsdPerMillion: 0 });
    expect(priceFor("assay-demo-1")).toEqual({ inputUsdPerMillion: 0, outputUsdPerMillion: 0 });
  });

  it("does not match across a name boundary", () => {
    expect(priceFor("gpt-4oo")).toBeNull();
    expect(priceFor("gpt-4.10")).toBeNull();
  });

  it("knows nothing of an unlisted model: unknown, not free", () => {
    expect(priceFor("mistral-large-latest")).toBeNull();
    expect(costUsd({ promptTokens: 1000, completionTokens: 1000 }, priceFor("mistral-large-latest"))).toBeNull();
  });

  it("prefers the target's override", () => {
    const override = { inputUsdPerMillion: 1, outputUsdPerMillion: 2 };
    expect(priceFor("gpt-4o", override)).toBe(override);
    expect(priceFor("my-fine-tune", override)).toBe(override);
  });
});

describe("costUsd", () => {
  it("prices input and output tokens separately, per million", () => {
    const cost = costUsd({ promptTokens: 1_000_000, completionTokens: 500_000 }, priceFor("gpt-4o"));
    expect(cost).toBeCloseTo(2.5 + 5, 10);
    expect(costUsd({ promptTokens: 120, completionTokens: 30 }, priceFor("gpt-4o-mini"))).toBeCloseTo((120 * 0.15 + 30 * 0.6) / 1e6, 15);
  });
});
