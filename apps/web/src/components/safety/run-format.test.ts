import { describe, expect, it } from "vitest";
import { formatCostUsd, formatEta, formatItemsProgress, formatLatency, gatesSummary, isActiveStatus, progressPercent, safetyRunHref, statusLabel, statusTone } from "./run-format";

describe("safety run formats", () => {
  it("says how long is left in words", () => {
    expect(formatEta(null)).toBeNull();
    expect(formatEta(3)).toBe("a few seconds left");
    expect(formatEta(41)).toBe("about 40 s left");
    expect(formatEta(59)).toBe("about 60 s left");
    expect(formatEta(185)).toBe("about 3 min left");
    expect(formatEta(3900)).toBe("about 1 h 05 min left");
    expect(formatEta(-1)).toBeNull();
  });

  it("counts progress in items", () => {
    expect(progressPercent(0, 0)).toBe(0);
    expect(progressPercent(130, 520)).toBe(25);
    expect(progressPercent(600, 520)).toBe(100);
    expect(formatItemsProgress(120, 1520)).toBe("120 of 1,520 items answered");
    expect(formatItemsProgress(0, 1)).toBe("0 of 1 item answered");
  });

  it("formats money, latency and statuses", () => {
    expect(formatCostUsd(null)).toBe("unknown price");
    expect(formatCostUsd(0)).toBe("$0.00");
    expect(formatCostUsd(0.004213)).toBe("$0.0042");
    expect(formatCostUsd(1234.5)).toBe("$1,234.50");
    expect(formatLatency(null)).toBe("—");
    expect(formatLatency(850.4)).toBe("850 ms");
    expect(formatLatency(1234)).toBe("1.23 s");
    expect(formatLatency(12_345)).toBe("12.3 s");
    expect(statusLabel("running")).toBe("Running");
    expect(statusLabel("weird")).toBe("weird");
    expect(statusTone("failed")).toBe("bad");
    expect(isActiveStatus("queued") && isActiveStatus("running")).toBe(true);
    expect(isActiveStatus("succeeded") || isActiveStatus("failed")).toBe(false);
    expect(safetyRunHref("r 1")).toBe("/safety/runs/r%201");
  });

  it("summarises the gates", () => {
    expect(gatesSummary([])).toMatchObject({ text: "No gates", tone: "neutral" });
    expect(gatesSummary([{ passed: true }, { passed: true }])).toMatchObject({ passed: 2, total: 2, text: "2 of 2 passed", tone: "good" });
    expect(gatesSummary([{ passed: true }, { passed: false }])).toMatchObject({ text: "1 of 2 passed", tone: "bad" });
  });
});
