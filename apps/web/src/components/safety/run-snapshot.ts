import type { SafetyRunDto } from "@assay/services";
import type { Jsonify } from "@/components/runs/serialize";

// Plain module (no "use client"): the run page builds the first snapshot on the server.

/** The part of a safety run that changes while it is processed: all the live views need. */
export type SafetyRunSnapshot = Pick<
  Jsonify<SafetyRunDto>,
  "id" | "status" | "progress" | "progressNote" | "error" | "attempts" | "itemsTotal" | "itemsDone" | "itemsFailed" | "etaSeconds" | "createdAt" | "startedAt" | "finishedAt"
>;

export function safetyRunSnapshot(run: SafetyRunSnapshot): SafetyRunSnapshot {
  return {
    id: run.id,
    status: run.status,
    progress: run.progress,
    progressNote: run.progressNote,
    error: run.error,
    attempts: run.attempts,
    itemsTotal: run.itemsTotal,
    itemsDone: run.itemsDone,
    itemsFailed: run.itemsFailed,
    etaSeconds: run.etaSeconds,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}
