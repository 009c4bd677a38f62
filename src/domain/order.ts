// The order request: one valibot schema and its normalisation, used by the order form and by the server.
import * as v from 'valibot';
import { ORDER_GENERATIONS, type OrderGeneration } from './generations';
import { SerialSchema } from './serial';

// The serial's own rules live in serial.ts; re-exported here for code that knows them as part of the order.
export { SERIAL_MAX_LENGTH, SERIAL_MIN_LENGTH, checkSerial, findLookAlikes, groupSerial, normaliseSerial, LOOK_ALIKES } from './serial';
import { RADIO_CODE_PATTERN } from './radio-code';
import type { Price } from './price';
import { SUPPORTED_LOCALES, type Locale } from './locales';

export { SUPPORTED_LOCALES, type Locale };

/** RFC 5321: a path is at most 256 octets including the angle brackets, so an address at most 254. */
export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_PART_MAX_LENGTH = 64;
export const CASE_LABEL_MAX_LENGTH = 80;

export function normaliseEmail(raw: string): string {
  return raw.normalize('NFKC').trim();
}

/**
 * A label or reason is one line of plain text: control characters (C0, DEL, C1) and line or
 * paragraph separators become spaces; invisible format characters (Unicode Cf: bidi overrides and
 * isolates, zero-width spaces and joiners, BOM, soft hyphen) are removed, so a label cannot turn
 * its neighbours around or hide text on the admin screen or in an e-mail. PostgreSQL cannot store
 * NUL in text at all (the order would fail with a 5xx, which the device retries for ever).
 */
export function withoutControlCharacters(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\u0000-\u001f\u007f-\u009f\p{Zl}\p{Zp}]/gu, ' ').replace(/\p{Cf}/gu, '');
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
    serial: SerialSchema,
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

/** A 400/413/422 answer from the order service, kept on the device so the order screen can show what to fix. */
export interface ProblemReport {
  status: number;
  type?: string;
  title?: string;
  detail?: string;
  /** Stable message key of the whole problem (e.g. 'generation.vinBound'). */
  code?: string;
  /** Per-field message keys (same codes as this module's validation). */
  problems: FieldProblem[];
}

/**
 * 422 idempotency.keyReused: the service holds an order under this key (with another body). Unlike
 * every other 400/413/422, something WAS stored: a new key for this order would order twice.
 */
export function reportsExistingOrder(problem: ProblemReport): boolean {
  return problem.code === 'idempotency.keyReused' || problem.problems.some((p) => p.code === 'idempotency.keyReused');
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

/**
 * Order status as the service reports it. With payment on: awaiting_payment → paid → fulfilled
 * (or refunded); with payment off: received → fulfilled. Either may end cancelled.
 */
export const ORDER_STATUSES = ['awaiting_payment', 'received', 'paid', 'fulfilled', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses in which staff must act: the code was not in the table (or the payment needs a look). */
export const STAFF_QUEUE_STATUSES: readonly OrderStatus[] = ['received', 'paid'];

/** Body of 201 on POST /api/orders. */
export interface OrderReceipt {
  id: string;
  token: string;
  /** 'awaiting_payment' when the service takes payment; older servers and clients know only 'received'. */
  status: 'received' | 'awaiting_payment';
  createdAt: string;
}

/** Body of GET /api/orders/:id. */
export interface OrderStatusReport {
  id: string;
  status: OrderStatus;
  code?: string;
  /** Why staff cancelled or refunded the order. */
  reason?: string;
  /** Only while awaiting payment: what the checkout will charge. */
  price?: Price;
  updatedAt: string;
}

/** Body of POST /api/orders/:id/checkout: where to send the customer to pay. */
export interface CheckoutAnswer {
  url: string;
}

/** Body of GET /api/price: what an order costs, or that the service takes no payment. */
export type PriceAnswer = { payment: 'on'; price: Price } | { payment: 'off' };

/** Radio codes are 4 or 5 digits. */
export const RadioCodeSchema = v.pipe(v.string('code.type'), v.trim(), v.regex(RADIO_CODE_PATTERN, 'code.format'));

/** A cancellation reason as staff type it in the admin screen; the customer sees it on the order. */
export const CANCEL_REASON_MAX_LENGTH = 500;
export const CancelReasonSchema = v.pipe(
  v.string('reason.type'),
  v.transform(withoutControlCharacters),
  v.trim(),
  v.minLength(1, 'reason.required'),
  v.maxLength(CANCEL_REASON_MAX_LENGTH, 'reason.tooLong'),
);

/** Why a payment needs a person: the amount paid differs from the order's price, or a partial refund. */
export type PaymentFlag = 'amountMismatch' | 'partialRefund' | 'paidAfterCancel';

/** One order as the admin routes show it to staff (personal data: admin only). */
export interface AdminOrder {
  id: string;
  status: OrderStatus;
  /** The order's price (payment on); `paid` once a checkout completed, with what it actually charged. */
  price?: Price;
  paid?: Price;
  paymentFlag?: PaymentFlag;
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
  /** Code-table import: each line that cannot be imported, by number. */
  lines?: Array<{ line: number; code: string }>;
}
