// The order request: one valibot schema and its normalisation, used by the order form and by the server.
import * as v from 'valibot';
import { ORDER_GENERATIONS, type OrderGeneration } from './generations';
import { SUPPORTED_LOCALES, type Locale } from './locales';

export { SUPPORTED_LOCALES, type Locale };

/** RFC 5321: a path is at most 256 octets including the angle brackets, so an address at most 254. */
export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_PART_MAX_LENGTH = 64;
export const SERIAL_MIN_LENGTH = 6;
export const SERIAL_MAX_LENGTH = 20;
export const CASE_LABEL_MAX_LENGTH = 80;

/** Upper-case, without spaces, dashes, dots or slashes: the form people copy from a label. */
export function normaliseSerial(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(/[\s\-./]+/g, '');
}

export function normaliseEmail(raw: string): string {
  return raw.normalize('NFKC').trim();
}

/**
 * A label or reason is one line of text: control characters (C0, DEL, C1) become spaces. They have no
 * use there, and PostgreSQL cannot store NUL in text at all (the order would fail with a 5xx, which
 * the device retries for ever).
 */
export function withoutControlCharacters(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/** Characters that are easy to misread on a label: each with the one it is confused with. */
export const LOOK_ALIKES: Readonly<Record<string, string>> = { O: '0', '0': 'O', I: '1', L: '1', '1': 'I', S: '5', '5': 'S', B: '8', '8': 'B' };

/** Letters in a serial that are often digits in disguise (O/0, I/1, L/1, S/5, B/8). */
export function findLookAlikes(serial: string): string[] {
  const letters = new Set<string>();
  for (const ch of normaliseSerial(serial)) if ('OILSB'.includes(ch)) letters.add(ch);
  return [...letters];
}

/** Groups of four for reading back a serial against the label: "BP123456789012" → "BP12 3456 7890 12". */
export function groupSerial(serial: string): string {
  return normaliseSerial(serial).replace(/(.{4})(?=.)/g, '$1 ');
}

const serialSchema = v.pipe(
  v.string('serial.type'),
  v.transform(normaliseSerial),
  v.minLength(1, 'serial.required'),
  v.regex(/^[A-Z0-9]*$/, 'serial.characters'),
  v.minLength(SERIAL_MIN_LENGTH, 'serial.tooShort'),
  v.maxLength(SERIAL_MAX_LENGTH, 'serial.tooLong'),
);

/** The serial on its own (the case asks for it before the order form): normalised, or the first problem's code. */
export function checkSerial(raw: string): { ok: true; value: string } | { ok: false; code: string } {
  const result = v.safeParse(serialSchema, raw, { abortPipeEarly: true });
  return result.success ? { ok: true, value: result.output } : { ok: false, code: result.issues[0]?.message ?? 'serial.required' };
}

const emailSchema = v.pipe(
  v.string('email.type'),
  v.transform(normaliseEmail),
  v.minLength(1, 'email.required'),
  v.maxLength(EMAIL_MAX_LENGTH, 'email.tooLong'),
  v.check((value) => (value.split('@')[0] ?? '').length <= EMAIL_LOCAL_PART_MAX_LENGTH, 'email.localPartTooLong'),
  v.email('email.invalid'),
);

/**
 * One message for the object's own issues, told apart by what was expected: a missing field
 * becomes '<field>.required' (the same key as an empty one), an extra field 'body.unknownField',
 * and a body that is not an object at all 'body.type'.
 */
function objectIssueCode(issue: v.StrictObjectIssue): string {
  if (issue.expected === 'never') return 'body.unknownField';
  const missingKey = /^"(.+)"$/.exec(issue.expected)?.[1];
  if (missingKey !== undefined && issue.received === 'undefined') return `${missingKey}.required`;
  return 'body.type';
}

export const OrderRequestSchema = v.strictObject(
  {
    serial: serialSchema,
    email: emailSchema,
    generation: v.picklist(ORDER_GENERATIONS, 'generation.invalid'),
    locale: v.picklist(SUPPORTED_LOCALES, 'locale.invalid'),
    caseLabel: v.optional(
      v.pipe(v.string('caseLabel.type'), v.transform(withoutControlCharacters), v.trim(), v.maxLength(CASE_LABEL_MAX_LENGTH, 'caseLabel.tooLong')),
    ),
  },
  objectIssueCode,
);

export type OrderRequestInput = v.InferInput<typeof OrderRequestSchema>;
export type OrderRequest = v.InferOutput<typeof OrderRequestSchema>;

/** A field problem as a message key the UI translates and the server returns in problem+json. */
export interface FieldProblem {
  field: string;
  code: string;
}

export type OrderValidation = { ok: true; value: OrderRequest } | { ok: false; problems: FieldProblem[] };

export function validateOrderRequest(input: unknown): OrderValidation {
  const result = v.safeParse(OrderRequestSchema, input, { abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  return {
    ok: false,
    problems: result.issues.map((issue) => ({
      field: v.getDotPath(issue) ?? issue.message.split('.')[0] ?? 'body',
      code: issue.message,
    })),
  };
}

/** Order status as the service reports it. */
export const ORDER_STATUSES = ['received', 'fulfilled', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Body of 201 on POST /api/orders. */
export interface OrderReceipt {
  id: string;
  token: string;
  status: 'received';
  createdAt: string;
}

/** Body of GET /api/orders/:id. */
export interface OrderStatusReport {
  id: string;
  status: OrderStatus;
  code?: string;
  reason?: string;
  updatedAt: string;
}

/** Radio codes are 4 or 5 digits. */
export const RadioCodeSchema = v.pipe(v.string('code.type'), v.trim(), v.regex(/^\d{4,5}$/, 'code.format'));

/** A cancellation reason as staff type it in the admin screen; the customer sees it on the order. */
export const CANCEL_REASON_MAX_LENGTH = 500;
export const CancelReasonSchema = v.pipe(
  v.string('reason.type'),
  v.transform(withoutControlCharacters),
  v.trim(),
  v.minLength(1, 'reason.required'),
  v.maxLength(CANCEL_REASON_MAX_LENGTH, 'reason.tooLong'),
);

/** One order as the admin routes show it to staff (personal data: admin only). */
export interface AdminOrder {
  id: string;
  status: OrderStatus;
  serial: string;
  email: string;
  generation: OrderGeneration;
  locale: Locale;
  caseLabel?: string;
  code?: string;
  reason?: string;
  createdAt: string;
  updatedAt: string;
}

/** Body of GET /api/admin/orders. */
export interface AdminOrderList {
  orders: AdminOrder[];
}

/** A field problem in an error answer: the message key plus an English sentence for logs and curl users. */
export interface ProblemFieldError extends FieldProblem {
  detail: string;
}

/** RFC 9457 problem details, as every error answer of the order service is shaped. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** A stable message key (e.g. 'generation.vinBound', 'idempotency.keyReused') the UI can translate. */
  code?: string;
  errors?: ProblemFieldError[];
}
