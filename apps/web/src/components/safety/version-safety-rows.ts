import type { SafetyRunDto } from "@assay/services";
import type { Jsonify } from "@/components/runs/serialize";
import { gatesSummary } from "./run-format";

/** What the version page's safety runs table shows of a run: small enough to poll. */
export type SafetyRunRow = {
  id: string;
  status: string;
  suite: { name: string; version: number };
  target: { name: string; model: string | null };
  itemsDone: number;
  itemsTotal: number;
  itemsFailed: number;
  etaSeconds: number | null;
  progressNote: string;
  error: string | null;
  gates: { passed: number; total: number };
  createdAt: string;
  createdBy: string;
};

export function safetyRunRow(run: Jsonify<SafetyRunDto>): SafetyRunRow {
  const gates = gatesSummary(run.checkResults);
  return {
    id: run.id,
    status: run.status,
    suite: { name: run.suite.name, version: run.suite.version },
    target: { name: run.target.name, model: run.target.model },
    itemsDone: run.itemsDone,
    itemsTotal: run.itemsTotal,
    itemsFailed: run.itemsFailed,
    etaSeconds: run.etaSeconds,
    progressNote: run.progressNote,
    error: run.error,
    gates: { passed: gates.passed, total: gates.total },
    createdAt: run.createdAt,
    createdBy: run.createdBy.name,
  };
}

export type SuiteVersionOption = { id: string; label: string };
export type SuiteOption = { key: string; name: string; versions: SuiteVersionOption[] };

/** "AdvBench · version 3 (latest) · 520 items" */
export function suiteVersionLabel(suiteName: string, v: { version: number; itemCount: number }, latest: boolean): string {
  return `${suiteName} · version ${v.version}${latest ? " (latest)" : ""} · ${v.itemCount.toLocaleString("en-US")} ${v.itemCount === 1 ? "item" : "items"}`;
}

/** Whether a smoke-run limit is acceptable: empty (every item) or a whole number from 1 to 100,000. */
export function limitProblem(text: string): string | null {
  const t = text.trim();
  if (t === "") return null;
  if (!/^\d+$/.test(t)) return "Enter a whole number of items, or leave it empty to run every item.";
  const n = Number(t);
  if (n < 1 || n > 100_000) return "Enter a number from 1 to 100,000.";
  return null;
}
