/**
 * Every Creditgate API refuses with `{"error":{"message","code",...}}` (service-web ApiError; the gateway's keys API
 * adds OpenAI's `type` and `param`). This is that refusal, with the HTTP status, as a thrown Error.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;

  constructor(status: number, message: string, code?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }

  /** Builds the error from an answer's status and (possibly absent or non-JSON) body. */
  static of(status: number, body: unknown): ApiError {
    const detail = (body as { error?: { message?: unknown; code?: unknown } } | undefined)?.error;
    const message = typeof detail?.message === 'string' && detail.message ? detail.message : `HTTP ${status}`;
    const code = typeof detail?.code === 'string' ? detail.code : undefined;
    return new ApiError(status, message, code);
  }
}

/** The body shape of a refusal, for the typed paths. */
export interface ApiErrorBody {
  error: { message: string; code?: string };
}
