import { describe, expect, it } from "vitest";
import { attemptMessageLabel, buildAttemptMessages, categorySuccessRows, formatPercent, formatPercentInterval } from "./campaign-data";

describe("red-team data", () => {
  it("formats shares of attempts", () => {
    expect(formatPercent(1 / 3)).toBe("33.3%");
    expect(formatPercent(0)).toBe("0.0%");
    expect(formatPercent(0.00001)).toBe("0.001%");
    expect(formatPercent(null)).toBe("—");
    expect(formatPercentInterval({ lower: 0.1, upper: 0.5 })).toBe("10.0%–50.0%");
    expect(formatPercentInterval(null)).toBe("—");
  });

  it("shapes the success rate per category for the table and chart", () => {
    const [row] = categorySuccessRows([{ category: "jailbreak", attempts: 4, succeeded: 1, rate: 0.25, ci: { lower: 0.05, upper: 0.7 } }], { jailbreak: "Jailbreaks" });
    expect(row).toMatchObject({ label: "Jailbreaks", rate: "25.0%", interval: "5.0%–70.0%", fraction: "1 of 4", percent: 25 });
    expect(row!.error[0]).toBeCloseTo(20);
    expect(row!.error[1]).toBeCloseTo(45);
  });

  it("builds the conversation so that it ends with the attacker", () => {
    expect(buildAttemptMessages([], "  ")).toEqual({ error: "Enter the attack prompt." });
    expect(buildAttemptMessages([], "do it")).toEqual({ messages: [{ role: "user", content: "do it" }] });
    expect(buildAttemptMessages([{ user: "hi", assistant: "hello" }], "now do it")).toEqual({
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: "hello" },
        { role: "user", content: "now do it" },
      ],
    });
    expect(buildAttemptMessages([{ user: "hi", assistant: "" }], "x")).toMatchObject({ turn: 0, error: expect.stringMatching(/Earlier turn 1/) });
  });

  it("names messages without their content", () => {
    expect(attemptMessageLabel("user", 0, 1)).toBe("attack prompt");
    expect(attemptMessageLabel("user", 0, 3)).toBe("attacker message 1 of 3");
    expect(attemptMessageLabel("assistant", 1, 3)).toBe("model reply 2 of 3");
    expect(attemptMessageLabel("user", 2, 3)).toBe("final attack prompt");
  });
});
