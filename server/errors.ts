// Typed errors that route handlers and the CLI map to a status (Documenso's habit).
// INVALID_REQUEST: the request cannot be read (malformed JSON, SQL that does not parse);
// UNPROCESSABLE: it reads but breaks a rule (a field named); PAYLOAD_TOO_LARGE: the body is over the limit.
export type ErrorCode = "NOT_FOUND" | "INVALID_REQUEST" | "UNPROCESSABLE" | "PAYLOAD_TOO_LARGE" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "UNAVAILABLE";

const HTTP_STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID_REQUEST: 400,
  /** well-formed JSON that breaks the rules (an unknown input, a world file error) */
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
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
