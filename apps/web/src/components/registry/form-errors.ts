import { ApiError } from "@/lib/client-api";

/**
 * Splits an API error into messages per form field and one general message.
 * Validation errors carry `[{ path, message }]`; service errors may carry
 * `{ path }` naming the field they concern (e.g. a duplicate name).
 */
export function splitApiError(error: unknown): { fields: Record<string, string>; general: string | null } {
  if (!(error instanceof ApiError)) {
    return { fields: {}, general: error instanceof Error ? error.message : "Something went wrong." };
  }
  const fields: Record<string, string> = {};
  if (Array.isArray(error.details)) {
    for (const issue of error.details as Array<{ path?: unknown; message?: unknown }>) {
      const path = typeof issue.path === "string" ? issue.path : "";
      const key = path.split(".")[0] ?? "";
      if (key && typeof issue.message === "string" && !fields[key]) fields[key] = issue.message;
    }
  } else if (error.details && typeof error.details === "object" && "path" in error.details) {
    const path = (error.details as { path: unknown }).path;
    if (typeof path === "string") fields[path] = error.message;
  }
  return { fields, general: Object.keys(fields).length > 0 ? null : error.message };
}
