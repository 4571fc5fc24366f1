import type { RunDetail } from "@assay/services";
import type { Jsonify } from "./serialize";

// Plain module (no "use client"): the run page builds the first snapshot on the server.

const STATUS_FIELDS = [
  "id",
  "modelVersionId",
  "status",
  "progress",
  "progressNote",
  "error",
  "attempts",
  "createdAt",
  "startedAt",
  "finishedAt",
  "checkCount",
  "checksPassed",
] as const;

/** The part of a run that changes while it is processed; all the live views need. */
export type RunStatusSnapshot = Pick<Jsonify<RunDetail>, (typeof STATUS_FIELDS)[number]>;

export function statusSnapshot(run: RunStatusSnapshot): RunStatusSnapshot {
  return {
    id: run.id,
    modelVersionId: run.modelVersionId,
    status: run.status,
    progress: run.progress,
    progressNote: run.progressNote,
    error: run.error,
    attempts: run.attempts,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    checkCount: run.checkCount,
    checksPassed: run.checksPassed,
  };
}
