// Typed errors that route handlers and the CLI map to a status (Documenso's habit).
export type ErrorCode = "NOT_FOUND" | "INVALID_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "UNPROCESSABLE" | "PAYLOAD_TOO_LARGE" | "UNAVAILABLE";

const HTTP_STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** well-formed JSON that breaks the rules (an unknown input, a world file error) */
  UNPROCESSABLE: 422,
  UNAVAILABLE: 503,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** one entry per bad field: `edges[3].to: unknown asset "x"` */
    readonly details: string[] = [],
  ) {
    super(message);
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}
