// Owns the order service's HTTP contract as the device sees it: the two calls, their timeout, and the outcome classes sync acts on.
import type { CheckoutAnswer, FieldProblem, OrderReceipt, OrderRequest, OrderStatusReport, PriceAnswer, ProblemReport } from '../domain/order';
import { isPrice } from '../domain/price';
import { ORDER_STATUSES } from '../domain/order';
import { parseRetryAfter } from './retry-policy';

/** The subset of `fetch` this module uses, so tests can hand in a fake and the SW its own `fetch`. */
export type FetchLike = (input: string | Request, init?: RequestInit) => Promise<Response>;

export interface ApiOptions {
  fetch: FetchLike;
  /** Prefix for /api/…; '' (same origin) in the app. Tests pass an absolute origin. */
  baseUrl?: string;
  /** Whole request including the body; the default suits a slow mobile link. */
  timeoutMs?: number;
  /** For Retry-After given as an HTTP date. */
  now?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

export type RetryReason =
  /** No answer: offline, DNS, TLS, connection reset, redirect (captive portal). */
  | 'network'
  | 'timeout'
  /** 5xx */
  | 'server'
  /** 409: the same key is still being processed (our own earlier attempt). */
  | 'conflict'
  /** 429 */
  | 'rateLimited'
  /** A 2xx whose body is not the contract's (a portal or proxy answered): the order may not be stored. */
  | 'badResponse'
  /** Any other status: not something the user can fix by editing the order. */
  | 'unexpected';

export type ApiOutcome<T> =
  | { kind: 'ok'; status: number; value: T }
  | { kind: 'retry'; reason: RetryReason; status?: number; retryAfterMs?: number; detail: string }
  | { kind: 'needsAttention'; problem: ProblemReport }
  | { kind: 'gone'; status: 404 };

/** The request did not reach the order service: no answer, no answer in time, or a stranger (portal, proxy) answered. */
export function reachedNoService(outcome: ApiOutcome<unknown>): boolean {
  return outcome.kind === 'retry' && (outcome.reason === 'network' || outcome.reason === 'timeout' || outcome.reason === 'badResponse');
}

/** POST /api/orders with the entry's idempotency key. Never throws: every failure is an outcome. */
export async function postOrder(options: ApiOptions, request: OrderRequest, idempotencyKey: string): Promise<ApiOutcome<OrderReceipt>> {
  const answer = await send(options, `${options.baseUrl ?? ''}/api/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify(request),
  });
  if ('kind' in answer) return answer;
  const { response, body } = answer;
  if (response.ok) {
    const receipt = readReceipt(body);
    return receipt ? { kind: 'ok', status: response.status, value: receipt } : badResponse(response.status);
  }
  // The body was refused: only the user can act. Nothing was stored, except after 422 idempotency.keyReused
  // (an order exists under this key with another body; the order screen says so).
  if (response.status === 400 || response.status === 413 || response.status === 422) {
    return { kind: 'needsAttention', problem: readProblem(response.status, body) };
  }
  return retryFor(response, options, body);
}

/** GET /api/orders/:id with the order's bearer token. 404 (unknown id or wrong token) is `gone`. */
export async function getOrderStatus(options: ApiOptions, id: string, token: string): Promise<ApiOutcome<OrderStatusReport>> {
  const answer = await send(options, `${options.baseUrl ?? ''}/api/orders/${encodeURIComponent(id)}`, {
    method: 'GET',
    headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
  });
  if ('kind' in answer) return answer;
  const { response, body } = answer;
  if (response.ok) {
    const report = readStatusReport(body);
    return report ? { kind: 'ok', status: response.status, value: report } : badResponse(response.status);
  }
  if (response.status === 404) return { kind: 'gone', status: 404 };
  return retryFor(response, options, body);
}

/** GET /api/price: what an order costs here, or that this service takes no payment. */
export async function getPrice(options: ApiOptions): Promise<ApiOutcome<PriceAnswer>> {
  const answer = await send(options, `${options.baseUrl ?? ''}/api/price`, { method: 'GET', headers: { Accept: 'application/json' } });
  if ('kind' in answer) return answer;
  const { response, body } = answer;
  if (!response.ok) return retryFor(response, options, body);
  if (isRecord(body) && body['payment'] === 'off') return { kind: 'ok', status: response.status, value: { payment: 'off' } };
  if (isRecord(body) && body['payment'] === 'on' && isPrice(body['price'])) return { kind: 'ok', status: response.status, value: { payment: 'on', price: body['price'] } };
  return badResponse(response.status);
}

/**
 * POST /api/orders/:id/checkout: the hosted payment page for this order (one per order; asking
 * again returns the same one). `returnPath` is where Stripe sends the customer back (the case).
 */
export async function startCheckout(options: ApiOptions, id: string, token: string, returnPath: string): Promise<ApiOutcome<CheckoutAnswer>> {
  const answer = await send(options, `${options.baseUrl ?? ''}/api/orders/${encodeURIComponent(id)}/checkout`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ returnPath }),
  });
  if ('kind' in answer) return answer;
  const { response, body } = answer;
  if (response.ok) {
    const url = isRecord(body) && typeof body['url'] === 'string' && /^https?:\/\//.test(body['url']) ? body['url'] : undefined;
    return url ? { kind: 'ok', status: response.status, value: { url } } : badResponse(response.status);
  }
  if (response.status === 404) return { kind: 'gone', status: 404 };
  if (response.status === 409) return { kind: 'needsAttention', problem: readProblem(409, body) };
  return retryFor(response, options, body);
}

// ── plumbing ────────────────────────────────────────────────────────────────────────────────

type Answer = { response: Response; body: unknown };

async function send(options: ApiOptions, url: string, init: RequestInit): Promise<Answer | ApiOutcome<never>> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    // redirect 'error': a captive portal's 302 must not turn into a "successful" HTML page.
    const response = await options.fetch(url, { ...init, signal, redirect: 'error', credentials: 'same-origin', cache: 'no-store' });
    const text = await response.text();
    return { response, body: parseJson(text) };
  } catch (err) {
    if (isTimeout(err)) return { kind: 'retry', reason: 'timeout', detail: 'The service did not answer in time' };
    return { kind: 'retry', reason: 'network', detail: describe(err) };
  }
}

function retryFor(response: Response, options: ApiOptions, body: unknown): ApiOutcome<never> {
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), (options.now ?? Date.now)());
  const reason: RetryReason = status >= 500 ? 'server' : status === 409 ? 'conflict' : status === 429 ? 'rateLimited' : 'unexpected';
  const detail = problemDetail(body) ?? `HTTP ${status}`;
  const outcome: ApiOutcome<never> = { kind: 'retry', reason, status, detail };
  if (retryAfterMs !== undefined) outcome.retryAfterMs = retryAfterMs;
  return outcome;
}

function badResponse(status: number): ApiOutcome<never> {
  return { kind: 'retry', reason: 'badResponse', status, detail: `HTTP ${status} without the expected body` };
}

function isTimeout(err: unknown): boolean {
  const name = typeof err === 'object' && err !== null && 'name' in err ? (err as { name: unknown }).name : undefined;
  return name === 'TimeoutError' || name === 'AbortError';
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message || err.name : 'Network error';
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readReceipt(body: unknown): OrderReceipt | undefined {
  if (!isRecord(body)) return undefined;
  const { id, token, createdAt } = body;
  if (typeof id !== 'string' || id === '' || typeof token !== 'string' || token === '' || typeof createdAt !== 'string') return undefined;
  return { id, token, createdAt, status: body['status'] === 'awaiting_payment' ? 'awaiting_payment' : 'received' };
}

function readStatusReport(body: unknown): OrderStatusReport | undefined {
  if (!isRecord(body)) return undefined;
  const { id, status, code, reason, price, updatedAt } = body;
  if (typeof id !== 'string' || typeof updatedAt !== 'string') return undefined;
  if (typeof status !== 'string' || !(ORDER_STATUSES as readonly string[]).includes(status)) return undefined;
  const report: OrderStatusReport = { id, status: status as OrderStatusReport['status'], updatedAt };
  if (typeof code === 'string') report.code = code;
  if (typeof reason === 'string') report.reason = reason;
  if (isPrice(price)) report.price = price;
  return report;
}

function problemDetail(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  return typeof body['detail'] === 'string' ? body['detail'] : typeof body['title'] === 'string' ? body['title'] : undefined;
}

/** Keeps only the fields the UI shows; a body that is not problem+json still yields the status. */
export function readProblem(status: number, body: unknown): ProblemReport {
  const report: ProblemReport = { status, problems: [] };
  if (!isRecord(body)) return report;
  for (const field of ['type', 'title', 'detail', 'code'] as const) {
    const value = body[field];
    if (typeof value === 'string') report[field] = value;
  }
  const errors = body['errors'];
  if (Array.isArray(errors)) {
    report.problems = errors.filter(isRecord).flatMap((item): FieldProblem[] =>
      typeof item['field'] === 'string' && typeof item['code'] === 'string' ? [{ field: item['field'], code: item['code'] }] : [],
    );
  }
  return report;
}
