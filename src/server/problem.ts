// RFC 9457 problem+json answers: the one shape every error of the order service takes.
import type { FieldProblem, ProblemDetails, ProblemFieldError } from '../domain/order';
import type { CodeTableLineProblem } from '../domain/code-table';
import { MAX_BODY_BYTES, type BodyResult } from './request-body';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** English sentences for the message keys of the shared schemas (the UI translates the key itself). */
const FIELD_DETAILS: Record<string, string> = {
  'serial.type': 'The serial must be a string.',
  'serial.required': 'The serial is required.',
  'serial.characters': 'The serial may contain only letters and digits.',
  'serial.tooShort': 'The serial is too short.',
  'serial.tooLong': 'The serial is too long.',
  'serial.blaupunktLength': 'A serial starting with BP is a Blaupunkt serial and has 14 characters.',
  'email.type': 'The e-mail address must be a string.',
  'email.required': 'The e-mail address is required.',
  'email.tooLong': 'The e-mail address is too long.',
  'email.localPartTooLong': 'The part before the @ is too long.',
  'email.invalid': 'The e-mail address is not valid.',
  'generation.required': 'The generation is required.',
  'generation.invalid': 'Unknown generation.',
  'generation.vinBound': 'This head unit is paired to the car (VIN) and accepts no radio code; a MINI dealer must restore it.',
  'locale.required': 'The locale is required.',
  'locale.invalid': 'Unsupported locale.',
  'caseLabel.type': 'The case label must be a string.',
  'caseLabel.tooLong': 'The case label is too long.',
  'body.unknownField': 'This field is not part of the request.',
  'body.json': 'The body is not valid JSON.',
  'body.type': 'The body must be a JSON object.',
  'code.required': 'The code is required.',
  'code.type': 'The code must be a string.',
  'code.format': 'A radio code is 4 or 5 digits.',
  'reason.type': 'The reason must be a string.',
  'reason.required': 'A reason is required.',
  'reason.tooLong': 'The reason is too long.',
  'status.invalid': 'Unknown order status.',
  'limit.invalid': 'The limit must be a whole number from 1 to 500.',
};

export function fieldErrors(problems: readonly FieldProblem[]): ProblemFieldError[] {
  return problems.map(({ field, code }) => ({ field, code, detail: FIELD_DETAILS[code] ?? 'Invalid value.' }));
}

export interface ProblemInit {
  status: number;
  /** A short slug under /problems/; omitted → about:blank (the status says it all). */
  type?: string;
  title?: string;
  detail?: string;
  code?: string;
  errors?: ProblemFieldError[];
  /** Code-table import: every line that cannot be imported. */
  lines?: CodeTableLineProblem[];
  headers?: Record<string, string>;
}

export function problemBody(init: ProblemInit): ProblemDetails {
  const body: ProblemDetails = {
    type: init.type ? `/problems/${init.type}` : 'about:blank',
    title: init.title ?? TITLES[init.status] ?? 'Error',
    status: init.status,
  };
  if (init.detail !== undefined) body.detail = init.detail;
  if (init.code !== undefined) body.code = init.code;
  if (init.errors !== undefined) body.errors = init.errors;
  if (init.lines !== undefined) body.lines = init.lines;
  return body;
}

export function problem(init: ProblemInit): Response {
  return new Response(JSON.stringify(problemBody(init)), {
    status: init.status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...init.headers },
  });
}

export function validationProblem(problems: readonly FieldProblem[]): Response {
  return problem({
    status: 400,
    type: 'validation',
    title: 'Invalid request',
    detail: 'One or more fields are invalid; see errors.',
    errors: fieldErrors(problems),
  });
}

export function notFound(): Response {
  return problem({ status: 404, detail: 'Nothing here.' });
}

export function tooManyRequests(retryAfterSeconds: number): Response {
  return problem({
    status: 429,
    type: 'rate-limited',
    detail: `Too many requests from this address; retry in ${retryAfterSeconds} s.`,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

/** The answer for a body that could not be read: too large, wrong media type, or not JSON. */
export function bodyProblem(reason: Extract<BodyResult, { ok: false }>['reason']): Response {
  switch (reason) {
    case 'tooLarge':
      return problem({ status: 413, type: 'body-too-large', detail: `The body may be at most ${MAX_BODY_BYTES} bytes.` });
    case 'unsupportedMediaType':
      return problem({ status: 415, type: 'media-type', detail: 'Send the body as Content-Type: application/json, uncompressed.' });
    case 'invalidJson':
      return problem({
        status: 400,
        type: 'validation',
        title: 'Invalid request',
        detail: 'The body is not valid JSON.',
        errors: fieldErrors([{ field: 'body', code: 'body.json' }]),
      });
  }
}
