// Staff routes under /api/admin: list orders, fulfil with a code, cancel with a reason; bearer ADMIN_TOKEN.
import { Hono, type MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import {
  CancelReasonSchema,
  ORDER_STATUSES,
  RadioCodeSchema,
  type AdminOrder,
  type AdminOrderList,
  type FieldProblem,
  type OrderStatus,
} from '../domain/order';
import type { MailNotifier } from './mailer';
import type { OrderRecord, OrdersRepo, TransitionResult } from './orders-repo';
import { bodyProblem, notFound, problem, tooManyRequests, validationProblem } from './problem';
import { addressKey, clientAddress } from './client-address';
import type { RateLimiter } from './rate-limit';
import { readJsonBody } from './request-body';
import { bearerToken, looksLikeRandomToken, secretsEqual } from './secrets';

export interface AdminRoutesDeps {
  repo: OrdersRepo;
  adminToken: string;
  trustProxyHops: number;
  /** Failed sign-ins per client address. */
  failuresLimiter: RateLimiter;
  /** Failed sign-ins from all addresses together. */
  globalFailuresLimiter: RateLimiter;
  mailer?: MailNotifier;
  now: () => Date;
}

/** The one key of the global failure limit. */
const EVERY_ADDRESS = 'all';

export const ADMIN_LIST_DEFAULT_LIMIT = 100;
export const ADMIN_LIST_MAX_LIMIT = 500;

function requiredKeyCode(issue: v.StrictObjectIssue, field: string): string {
  if (issue.expected === 'never') return 'body.unknownField';
  return issue.received === 'undefined' ? `${field}.required` : 'body.type';
}

const FulfilSchema = v.strictObject({ code: RadioCodeSchema }, (issue) => requiredKeyCode(issue, 'code'));
const CancelSchema = v.strictObject({ reason: CancelReasonSchema }, (issue) => requiredKeyCode(issue, 'reason'));

function check<T extends v.GenericSchema>(schema: T, input: unknown): { ok: true; value: v.InferOutput<T> } | { ok: false; problems: FieldProblem[] } {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  return {
    ok: false,
    problems: result.issues.map((issue) => ({ field: v.getDotPath(issue) ?? 'body', code: issue.message })),
  };
}

export function toAdminOrder(order: OrderRecord): AdminOrder {
  const view: AdminOrder = {
    id: order.id,
    status: order.status,
    serial: order.serial,
    email: order.email,
    generation: order.generation,
    locale: order.locale,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
  if (order.caseLabel !== undefined) view.caseLabel = order.caseLabel;
  if (order.code !== undefined) view.code = order.code;
  if (order.cancelReason !== undefined) view.reason = order.cancelReason;
  return view;
}

function transitionAnswer(result: TransitionResult, conflictDetail: (order: OrderRecord) => string): Response {
  switch (result.kind) {
    case 'notFound':
      return notFound();
    case 'conflict':
      return problem({ status: 409, type: 'order-state', code: 'order.state', detail: conflictDetail(result.order) });
    case 'changed':
    case 'unchanged':
      return Response.json(toAdminOrder(result.order));
  }
}

export function adminRoutes(deps: AdminRoutesDeps): Hono {
  const routes = new Hono();

  // The correct token always gets through: staff behind one address (a proxy, a workshop NAT)
  // must not be locked out by someone else's wrong guesses. Only failures are throttled, per
  // address and for all addresses together; a throttled failure gets 429 instead of 401. What
  // makes guessing hopeless is the token's length (ADMIN_TOKEN_MIN_LENGTH), not the throttle.
  const authenticate: MiddlewareHandler = async (c, next) => {
    const presented = bearerToken(c.req.header('authorization')) ?? '';
    if (secretsEqual(presented, deps.adminToken)) {
      await next();
      return;
    }
    const address = addressKey(clientAddress(c, deps.trustProxyHops));
    const [own, everyone] = await Promise.all([deps.failuresLimiter.check(address), deps.globalFailuresLimiter.check(EVERY_ADDRESS)]);
    await Promise.all([deps.failuresLimiter.spend(address), deps.globalFailuresLimiter.spend(EVERY_ADDRESS)]);
    if (!own.ok) return tooManyRequests(own.retryAfterSeconds);
    if (!everyone.ok) return tooManyRequests(everyone.retryAfterSeconds);
    return problem({ status: 401, detail: 'A valid admin token is required.', headers: { 'WWW-Authenticate': 'Bearer realm="admin"' } });
  };
  routes.use('*', authenticate);

  routes.get('/orders', async (c) => {
    const problems: FieldProblem[] = [];
    const status = c.req.query('status');
    if (status !== undefined && !(ORDER_STATUSES as readonly string[]).includes(status)) problems.push({ field: 'status', code: 'status.invalid' });
    const rawLimit = c.req.query('limit');
    const limit = rawLimit === undefined ? ADMIN_LIST_DEFAULT_LIMIT : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > ADMIN_LIST_MAX_LIMIT) problems.push({ field: 'limit', code: 'limit.invalid' });
    if (problems.length > 0) return validationProblem(problems);

    const orders = await deps.repo.listOrders({ ...(status ? { status: status as OrderStatus } : {}), limit });
    const body: AdminOrderList = { orders: orders.map(toAdminOrder) };
    return c.json(body);
  });

  routes.post('/orders/:id/fulfil', async (c) => {
    const body = await readJsonBody(c.req.raw);
    if (!body.ok) return bodyProblem(body.reason);
    const input = check(FulfilSchema, body.value);
    if (!input.ok) return validationProblem(input.problems);
    const id = c.req.param('id');
    if (!looksLikeRandomToken(id)) return notFound();

    const result = await deps.repo.fulfil(id, input.value.code, deps.now(), { queueMail: deps.mailer !== undefined });
    if (result.kind === 'changed') deps.mailer?.notify();
    return transitionAnswer(result, (order) =>
      order.status === 'fulfilled' ? 'The order was already fulfilled with a different code.' : `The order is ${order.status}; only a received order can be fulfilled.`,
    );
  });

  routes.post('/orders/:id/cancel', async (c) => {
    const body = await readJsonBody(c.req.raw);
    if (!body.ok) return bodyProblem(body.reason);
    const input = check(CancelSchema, body.value);
    if (!input.ok) return validationProblem(input.problems);
    const id = c.req.param('id');
    if (!looksLikeRandomToken(id)) return notFound();

    const result = await deps.repo.cancel(id, input.value.reason, deps.now());
    return transitionAnswer(result, (order) => `The order is ${order.status}; only a received order can be cancelled.`);
  });

  return routes;
}
