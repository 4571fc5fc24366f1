import { describe, expect, it } from "vitest";
import { heatmapCell, inHeatmapCell, riskHeatmap, scoresOn } from "./heatmap";
import { DEFAULT_SEVERITY_MATRIX, type Severity } from "./severity";

const risk = (likelihood: number, impact: number, residualLikelihood: number | null = null, residualImpact: number | null = null) => ({
  likelihood,
  impact,
  residualLikelihood,
  residualImpact,
});

describe("riskHeatmap", () => {
  it("lays out 25 cells, likelihood 5 at the top and impact 1 on the left, each with the matrix's severity", () => {
    const map = riskHeatmap([], "inherent");
    expect(map.rows).toHaveLength(5);
    expect(map.rows.map((r) => r.length)).toEqual([5, 5, 5, 5, 5]);
    expect(map.rows[0]![0]).toMatchObject({ likelihood: 5, impact: 1 });
    expect(map.rows[4]![4]).toMatchObject({ likelihood: 1, impact: 5 });
    for (const row of map.rows) {
      for (const cell of row) expect(cell.severity).toBe(DEFAULT_SEVERITY_MATRIX[cell.likelihood - 1]![cell.impact - 1]);
    }
    expect(map).toMatchObject({ scale: "inherent", placed: 0, unscored: 0, maxCount: 0 });
  });

  it("counts risks per inherent cell", () => {
    const map = riskHeatmap([risk(3, 4), risk(3, 4), risk(1, 1), risk(5, 5, 2, 2)], "inherent");
    expect(heatmapCell(map, 3, 4)?.count).toBe(2);
    expect(heatmapCell(map, 1, 1)?.count).toBe(1);
    expect(heatmapCell(map, 5, 5)).toMatchObject({ count: 1, severity: "critical" });
    expect(heatmapCell(map, 2, 2)?.count).toBe(0);
    expect(map.rows.flat().reduce((s, c) => s + c.count, 0)).toBe(4);
    expect(map).toMatchObject({ placed: 4, unscored: 0, maxCount: 2 });
  });

  it("places risks by their residual scores on the residual scale and leaves unassessed ones off", () => {
    const map = riskHeatmap([risk(5, 5, 2, 2), risk(4, 4, 2, 2), risk(3, 3), risk(3, 3, 1, null)], "residual");
    expect(heatmapCell(map, 2, 2)?.count).toBe(2);
    expect(heatmapCell(map, 5, 5)?.count).toBe(0);
    expect(map).toMatchObject({ scale: "residual", placed: 2, unscored: 2, maxCount: 2 });
  });

  it("uses the matrix it is given", () => {
    const allLow: Severity[][] = Array.from({ length: 5 }, () => Array<Severity>(5).fill("low"));
    expect(heatmapCell(riskHeatmap([risk(5, 5)], "inherent", allLow), 5, 5)?.severity).toBe("low");
  });

  it("refuses scores outside 1..5", () => {
    expect(() => riskHeatmap([risk(0, 3)], "inherent")).toThrow(RangeError);
    expect(() => riskHeatmap([risk(1, 1, 6, 1)], "residual")).toThrow(RangeError);
  });
});

describe("scoresOn and inHeatmapCell", () => {
  it("read the scale's scores", () => {
    expect(scoresOn(risk(4, 3, 2, 1), "inherent")).toEqual({ likelihood: 4, impact: 3 });
    expect(scoresOn(risk(4, 3, 2, 1), "residual")).toEqual({ likelihood: 2, impact: 1 });
    expect(scoresOn(risk(4, 3), "residual")).toBeNull();
    expect(scoresOn({ likelihood: 4, impact: 3 }, "residual")).toBeNull();
    expect(inHeatmapCell(risk(4, 3, 2, 1), "inherent", 4, 3)).toBe(true);
    expect(inHeatmapCell(risk(4, 3, 2, 1), "residual", 4, 3)).toBe(false);
    expect(inHeatmapCell(risk(4, 3, 2, 1), "residual", 2, 1)).toBe(true);
    expect(inHeatmapCell(risk(4, 3), "residual", 4, 3)).toBe(false);
  });
});
