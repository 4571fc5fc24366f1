/** Errors a service throws; the HTTP layer maps each to one status code. */
export class ServiceError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export const unauthenticated = () => new ServiceError(401, "unauthenticated", "Sign in to continue.");
export const forbidden = (message = "Your role does not allow this action.") =>
  new ServiceError(403, "forbidden", message);
/** Also used for other organisations' objects, so that their existence is not revealed. */
export const notFound = (what = "Resource") => new ServiceError(404, "not_found", `${what} not found.`);
export const invalid = (message: string, details?: unknown) =>
  new ServiceError(400, "invalid_request", message, details);
export const conflict = (message: string, details?: unknown) => new ServiceError(409, "conflict", message, details);
export const unprocessable = (message: string, details?: unknown) =>
  new ServiceError(422, "unprocessable", message, details);
