/** application/problem+json answers (RFC 9457) as one typed error. */

export type FieldError = { field: string; message: string };

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Seconds to wait before trying again (429, 503), when the service said. */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: string;
    title?: string;
    detail: string;
    errors?: FieldError[];
    retryAfter?: number | null;
  }) {
    super(init.detail || init.title || `HTTP ${init.status}`);
    this.name = 'ApiProblem';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title ?? '';
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter ?? null;
  }

  /** The message for one field (422), if the service named it. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field || e.field.endsWith(`.${field}`))?.message;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** The problem an error answer carries (its body parsed by openapi-fetch, or text). */
export function toProblem(response: Response, body: unknown): ApiProblem {
  const b = isRecord(body) ? body : {};
  const errors = Array.isArray(b.errors)
    ? b.errors.filter(isRecord).map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? '') }))
    : [];
  return new ApiProblem({
    status: response.status,
    code: typeof b.code === 'string' ? b.code : `http_${response.status}`,
    title: typeof b.title === 'string' ? b.title : response.statusText,
    detail:
      typeof b.detail === 'string'
        ? b.detail
        : typeof body === 'string' && body
          ? body
          : `The service answered ${response.status}.`,
    errors,
    retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
  });
}

/** What a person reads for any error: the problem's detail, or a network hint. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiProblem) {
    if (error.status === 429 && error.retryAfter !== null) {
      return `${error.detail} Try again in ${formatWait(error.retryAfter)}.`;
    }
    return error.detail;
  }
  if (error instanceof TypeError) return 'Cannot reach RunCoach. Check your connection.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
