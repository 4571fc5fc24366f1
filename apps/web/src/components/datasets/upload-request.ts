
import { ApiError } from "@/lib/client-api";

export type UploadProgress = { loaded: number; total: number };

type ErrorBody = { error?: { code?: string; message?: string; details?: unknown } };

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Thrown when the person cancels the upload. */
export class UploadCancelled extends Error {
  override name = "UploadCancelled";
  constructor() {
    super("The upload was cancelled.");
  }
}

/**
 * POSTs a multipart body like `api(path, { raw })`, with the same errors
 * (ApiError with status, message and details), but through XMLHttpRequest so
 * that the bytes sent can be reported: fetch cannot report upload progress,
 * and predictions files run to hundreds of megabytes.
 */
export function postMultipart<T>(path: string, body: FormData, options: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.({ loaded: e.loaded, total: e.total });
    };
    xhr.onload = () => {
      const data = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data as T);
        return;
      }
      const err = (data as ErrorBody | undefined)?.error;
      reject(new ApiError(xhr.status, err?.code ?? "error", err?.message ?? `Request failed (${xhr.status}).`, err?.details));
    };
    xhr.onerror = () => reject(new Error("The upload failed: the server could not be reached. Check your connection and try again."));
    xhr.onabort = () => reject(new UploadCancelled());
    if (options.signal) {
      if (options.signal.aborted) {
        reject(new UploadCancelled());
        return;
      }
      options.signal.addEventListener("abort", () => xhr.abort(), { once: true });
    }
    xhr.send(body);
  });
}
