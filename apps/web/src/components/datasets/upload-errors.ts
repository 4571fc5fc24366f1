// Relative, so that unit tests (no "@/" alias) can import this module.
import { ApiError } from "../../lib/client-api";

/** One problem with an upload, with where in the file it is when the server said. */
export type UploadProblem = { message: string; where: string | null };

export type UploadErrorView = { message: string; problems: UploadProblem[] };

function describeWhere(p: { column?: unknown; line?: unknown; row?: unknown; path?: unknown }): string | null {
  const parts: string[] = [];
  if (typeof p.line === "number") parts.push(`line ${p.line}`);
  else if (typeof p.row === "number") parts.push(`row ${p.row}`);
  if (typeof p.column === "string" && p.column) parts.push(`column “${p.column}”`);
  if (parts.length === 0 && typeof p.path === "string" && p.path) parts.push(p.path.replace(/^mapping\./, ""));
  return parts.length > 0 ? parts.join(", ") : null;
}

function toProblems(list: unknown[]): UploadProblem[] {
  return list.flatMap((item) => {
    if (typeof item !== "object" || item === null || !("message" in item) || typeof item.message !== "string") return [];
    return [{ message: item.message, where: describeWhere(item as { column?: unknown; line?: unknown; row?: unknown; path?: unknown }) }];
  });
}

/**
 * What to show for a failed upload. File problems arrive as
 * `details.problems: [{ message, column?, line? }]`, request validation as
 * `details: [{ path, message }]`; anything else is its message alone.
 */
export function uploadErrorView(error: unknown): UploadErrorView {
  if (!(error instanceof ApiError)) {
    return { message: error instanceof Error ? error.message : "The upload failed.", problems: [] };
  }
  if (error.status === 403) return { message: "Your role cannot upload datasets.", problems: [] };
  const details = error.details;
  let problems: UploadProblem[] = [];
  if (Array.isArray(details)) problems = toProblems(details);
  else if (typeof details === "object" && details !== null && "problems" in details && Array.isArray(details.problems)) {
    problems = toProblems(details.problems);
  }
  // A single problem that only repeats the message adds nothing.
  if (problems.length === 1 && problems[0]!.where === null && error.message.includes(problems[0]!.message)) problems = [];
  if (problems.length === 0) return { message: error.message, problems };
  // The list says it all (the message joins the problems); the heading only introduces it.
  return { message: problems.length === 1 ? "The upload was refused:" : `The upload was refused for ${problems.length} reasons:`, problems };
}
