import { describe, expect, it } from "vitest";
import {
  buildMapping,
  detectColumns,
  detectCsv,
  detectJsonl,
  formatOfFile,
  guessColumns,
  importProblems,
  keepColumns,
  suiteKeyFromName,
  validateImport,
  type ImportMappingState,
} from "./import-mapping";

const state = (over: Partial<ImportMappingState> = {}): ImportMappingState => ({ columns: {}, defaultExpected: "", defaultCategory: "", ...over });

describe("formatOfFile", () => {
  it("reads the format from the extension", () => {
    expect(formatOfFile("suite.CSV")).toBe("csv");
    expect(formatOfFile("suite.jsonl")).toBe("jsonl");
    expect(formatOfFile("suite.ndjson")).toBe("jsonl");
    expect(formatOfFile("suite.json")).toBeNull();
    expect(formatOfFile("suite.parquet")).toBeNull();
  });
});

describe("detectCsv", () => {
  it("takes the header as the columns and previews the first rows", () => {
    const rows = Array.from({ length: 7 }, (_, i) => `p${i},"Say ""hi"", then stop",harm`);
    const file = detectCsv(`\uFEFFid,prompt,category\r\n${rows.join("\r\n")}\r\n\r\n`);
    expect(file.columns).toEqual(["id", "prompt", "category"]);
    expect(file.rowCount).toBe(7);
    expect(file.preview).toHaveLength(5);
    expect(file.preview[0]).toEqual({ id: "p0", prompt: 'Say "hi", then stop', category: "harm" });
    expect(file.problems).toEqual([]);
  });

  it("keeps multi-line quoted cells in one row", () => {
    const file = detectCsv('prompt,expected\n"line one\nline two",refuse\n');
    expect(file.rowCount).toBe(1);
    expect(file.preview[0]?.prompt).toBe("line one\nline two");
  });

  it("names rows whose cell count differs from the header, numbered after the header", () => {
    const file = detectCsv("a,b\n1,2\n3\n4,5,6\n");
    expect(file.problems).toEqual(["Row 2: has 1 cell, the header has 2.", "Row 3: has 3 cells, the header has 2."]);
  });

  it("reports empty files, header-only files, blank and repeated column names", () => {
    expect(detectCsv("  \n").problems).toEqual(["The file is empty."]);
    expect(detectCsv("a,b\n").problems).toEqual(["The file has a header but no rows."]);
    expect(detectCsv("a,,a\n1,2,3\n").problems).toEqual(["Column 2 of the header has no name.", 'The header names the column "a" twice.']);
  });
});

describe("detectJsonl", () => {
  it("collects keys in order of first appearance across objects", () => {
    const text = [JSON.stringify({ prompt: "p1", n: 3 }), "", JSON.stringify({ prompt: "p2", category: "x", messages: [{ role: "user", content: "hi" }] })].join("\n");
    const file = detectJsonl(text);
    expect(file.columns).toEqual(["prompt", "n", "category", "messages"]);
    expect(file.rowCount).toBe(2);
    expect(file.preview[0]).toEqual({ prompt: "p1", n: "3", category: "", messages: "" });
    expect(file.preview[1]?.messages).toBe('[{"role":"user","content":"hi"}]');
    expect(file.problems).toEqual([]);
  });

  it("names bad lines by their physical line number and still shows the good ones", () => {
    const file = detectJsonl(`{"prompt":"a"}\n\n{not json\n[1]\n{"prompt":"b"}`);
    expect(file.problems).toHaveLength(2);
    expect(file.problems[0]).toMatch(/^Line 3: not valid JSON/);
    expect(file.problems[1]).toBe("Line 4: expected a JSON object, got an array");
    expect(file.rowCount).toBe(2);
    expect(file.columns).toEqual(["prompt"]);
  });

  it("is chosen by detectColumns for the jsonl format", () => {
    expect(detectColumns("jsonl", '{"goal":"x"}').columns).toEqual(["goal"]);
    expect(detectColumns("csv", "goal\nx").columns).toEqual(["goal"]);
  });
});

describe("guessColumns", () => {
  it("maps common source column names, each column once", () => {
    expect(guessColumns(["Behavior ID", "Goal", "Category", "Source"])).toEqual({ id: "Behavior ID", prompt: "Goal", category: "Category" });
    expect(guessColumns(["prompt", "type", "label", "access_code"])).toEqual({ prompt: "prompt", category: "type", expected: "label", secret: "access_code" });
    expect(guessColumns(["foo", "bar"])).toEqual({});
  });

  it("keepColumns drops choices the new file lacks", () => {
    expect(keepColumns({ id: "id", prompt: "goal" }, ["goal"])).toEqual({ prompt: "goal" });
  });
});

describe("buildMapping", () => {
  it("leaves unmapped fields and empty defaults out", () => {
    expect(buildMapping(state({ columns: { prompt: "goal", id: "", category: "cat" }, defaultExpected: "refuse" }))).toEqual({
      prompt: "goal",
      category: "cat",
      defaultExpected: "refuse",
    });
    expect(buildMapping(state({ columns: { messages: "m", expected: "e" }, defaultCategory: "self_harm" }))).toEqual({ messages: "m", expected: "e", defaultCategory: "self_harm" });
  });
});

describe("validateImport", () => {
  const columns = ["goal", "label"];

  it("needs a prompt or messages column and an expected column or default", () => {
    expect(validateImport(state(), columns, "my-suite", "My suite")).toEqual({
      prompt: "Map a prompt column or a messages column.",
      defaultExpected: "Map an expected column or choose a default expected behaviour.",
    });
    expect(validateImport(state({ columns: { prompt: "goal", expected: "label" } }), columns, "my-suite", "My suite")).toEqual({});
    expect(validateImport(state({ columns: { prompt: "goal" }, defaultExpected: "refuse" }), columns, "my-suite", "My suite")).toEqual({});
  });

  it("refuses columns the file does not have", () => {
    expect(validateImport(state({ columns: { prompt: "prompt" }, defaultExpected: "refuse" }), columns, "ab", "x").prompt).toBe("The file has no column “prompt”.");
  });

  it("checks the key is a slug like the server and the name is given", () => {
    const ok = state({ columns: { prompt: "goal" }, defaultExpected: "comply" });
    expect(validateImport(ok, columns, "a", "x").key).toMatch(/2 to 60/);
    expect(validateImport(ok, columns, "My_Suite", "x").key).toMatch(/lower-case/);
    expect(validateImport(ok, columns, "-ab", "x").key).toMatch(/lower-case/);
    expect(validateImport(ok, columns, "ab-1", " ").name).toBe("Name the suite.");
  });
});

describe("suiteKeyFromName", () => {
  it("makes a slug from a file or suite name", () => {
    expect(suiteKeyFromName("Support bot regressions (Q3).csv")).toBe("support-bot-regressions-q3");
    expect(suiteKeyFromName("Évaluation_RAG.jsonl")).toBe("evaluation-rag");
    expect(suiteKeyFromName("x".repeat(70))).toHaveLength(60);
  });
});

describe("importProblems", () => {
  it("formats the server's row, line and mapping problems", () => {
    const details = {
      problems: [
        { at: "row", number: 3, column: "expected", message: "expected is empty and no default expected behaviour is set" },
        { at: "line", number: 7, message: "not valid JSON" },
        { at: "mapping", column: "prompt", message: "the prompt column is not in the file" },
        { nonsense: true },
      ],
      badCount: 12,
    };
    expect(importProblems(details)).toEqual({
      lines: [
        'Row 3: expected is empty and no default expected behaviour is set (column "expected")',
        "Line 7: not valid JSON",
        'Mapping: the prompt column is not in the file (column "prompt")',
      ],
      more: 9,
    });
  });

  it("reads nothing from other error details", () => {
    expect(importProblems([{ path: "key", message: "bad" }])).toEqual({ lines: [], more: 0 });
    expect(importProblems(undefined)).toEqual({ lines: [], more: 0 });
  });
});
