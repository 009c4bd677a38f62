// Staff routes under /api/admin: list orders, fulfil with a code, cancel with a reason; bearer ADMIN_TOKEN.
import { Hono, type MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import {
  CancelReasonSchema,
  ORDER_STATUSES,
  RadioCodeSchema,
  normaliseSerial,
  type AdminOrder,
  type AdminOrderList,
  type FieldProblem,
  type OrderStatus,
} from '../domain/order';
import type { MailNotifier } from './mailer';
import type { CodeTableRepo } from './code-table-repo';
import type { Payments } from './payments/payment-routes';
import { checkCodeTableRow, formatCodeTable, parseCodeTable, type CodeTableImportAnswer, type CodeTableSearchAnswer, type PrivacyAnswer } from '../domain/code-table';
import type { OrderRecord, OrdersRepo, TransitionResult } from './orders-repo';
import { bodyProblem, notFound, problem, tooManyRequests, validationProblem } from './problem';
import { addressKey, clientAddress } from './client-address';
import type { RateLimiter } from './rate-limit';
import { readJsonBody, readTextBody } from './request-body';
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
  codeTable?: CodeTableRepo;
  payments?: Payments;
  retentionDays: number;
  now: () => Date;
}

/** The one key of the global failure limit. */
const EVERY_ADDRESS = 'all';
/** A CSV upload of the code table: about 40 bytes a row, so some 100,000 rows. Bigger files go through `npm run codes:import`. */
export const CODE_UPLOAD_MAX_BYTES = 4 * 1024 * 1024;
const CODE_SEARCH_MAX = 200;

export const ADMIN_LIST_DEFAULT_LIMIT = 100;
export const ADMIN_LIST_MAX_LIMIT = 500;

function requiredKeyCode(issue: v.StrictObjectIssue, field: string): string {
  if (issue.expected === 'never') return 'body.unknownField';
  return issue.received === 'undefined' ? `${field}.required` : 'body.type';
}

const FulfilSchema = v.strictObject({ code: RadioCodeSchema }, (issue) => requiredKeyCode(issue, 'code'));
const CancelSchema = v.strictObject({ reason: CancelReasonSchema }, (issue) => requiredKeyCode(issue, 'reason'));
const CodeRowSchema = v.strictObject({ serial: v.string('serial.type'), code: v.string('code.type') }, (issue) => requiredKeyCode(issue, 'body'));

/** A staff action on one order: its JSON body checked against `schema`, and its id; or the answer to send instead. */
async function orderAction<T extends v.GenericSchema>(
  request: Request,
  id: string,
  schema: T,
): Promise<{ ok: true; id: string; value: v.InferOutput<T> } | { ok: false; answer: Response }> {
  const body = await readJsonBody(request);
  if (!body.ok) return { ok: false, answer: bodyProblem(body.reason) };
  const input = check(schema, body.value);
  if (!input.ok) return { ok: false, answer: validationProblem(input.problems) };
  if (!looksLikeRandomToken(id)) return { ok: false, answer: notFound() };
  return { ok: true, id, value: input.value };
}

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
  if (order.price) view.price = order.price;
  if (order.paid) view.paid = order.paid;
  if (order.paymentFlag) view.paymentFlag = order.paymentFlag;
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

/** A serial the table already holds with another code: the whole import is refused, the serials named. */
function conflictProblem(conflicts: Array<{ serial: string }>): Response {
  const named = conflicts.slice(0, 20).map((conflict) => conflict.serial).join(', ');
  return problem({
    status: 409,
    type: 'code-conflict',
    code: 'serial.conflict',
    detail: `The table already holds a different code for ${conflicts.length === 1 ? 'serial' : 'serials'} ${named}${conflicts.length > 20 ? ', …' : ''}; nothing was imported.`,
  });
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
    const staffQueue = status === 'queue';
    if (status !== undefined && !staffQueue && !(ORDER_STATUSES as readonly string[]).includes(status)) problems.push({ field: 'status', code: 'status.invalid' });
    const rawLimit = c.req.query('limit');
    const limit = rawLimit === undefined ? ADMIN_LIST_DEFAULT_LIMIT : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > ADMIN_LIST_MAX_LIMIT) problems.push({ field: 'limit', code: 'limit.invalid' });
    if (problems.length > 0) return validationProblem(problems);

    const orders = await deps.repo.listOrders({ ...(staffQueue ? { staffQueue } : status ? { status: status as OrderStatus } : {}), limit });
    const body: AdminOrderList = { orders: orders.map(toAdminOrder) };
    return c.json(body);
  });

  routes.post('/orders/:id/fulfil', async (c) => {
    const input = await orderAction(c.req.raw, c.req.param('id'), FulfilSchema);
    if (!input.ok) return input.answer;
    const { id } = input;

    const result = await deps.repo.fulfil(id, input.value.code, deps.now(), { queueMail: deps.mailer !== undefined });
    if (result.kind === 'changed') deps.mailer?.notify();
    return transitionAnswer(result, (order) =>
      order.status === 'fulfilled' ? 'The order was already fulfilled with a different code.' : `The order is ${order.status}; only a received or paid order can be fulfilled.`,
    );
  });

  routes.post('/orders/:id/cancel', async (c) => {
    const input = await orderAction(c.req.raw, c.req.param('id'), CancelSchema);
    if (!input.ok) return input.answer;
    const { id } = input;

    const result = await deps.repo.cancel(id, input.value.reason, deps.now());
    return transitionAnswer(result, (order) =>
      order.status === 'paid' ? 'The order is paid: refund it instead, so the customer gets the money back.' : `The order is ${order.status}; only an unpaid order can be cancelled.`,
    );
  });

  const { payments, codeTable } = deps;
  if (payments) {
    routes.post('/orders/:id/refund', async (c) => {
      const input = await orderAction(c.req.raw, c.req.param('id'), CancelSchema);
      if (!input.ok) return input.answer;
      const { id } = input;
      const order = await deps.repo.findOrder(id);
      if (!order) return notFound();
      if (order.status === 'refunded') return Response.json(toAdminOrder(order));
      if (!order.paymentIntentId || !(await payments.repo.noteRefundReason(id, input.value.reason, deps.now()))) {
        // A second click racing the first finds the order already refunded: the same answer as the first.
        const now = await deps.repo.findOrder(id);
        if (now?.status === 'refunded') return Response.json(toAdminOrder(now));
        return problem({ status: 409, type: 'order-state', code: 'order.state', detail: `The order is ${order.status} with no payment to refund.` });
      }
      try {
        // One refund per order whatever happens: the SDK's retries and a second click reuse this key.
        await payments.gateway.refund(order.paymentIntentId, `refund:${id}`);
      } catch (error) {
        return problem({
          status: 502,
          type: 'payment-provider',
          code: 'payment.unavailable',
          detail: `Stripe did not refund (${error instanceof Error ? error.message.slice(0, 120) : 'error'}); nothing changed here, try again.`,
        });
      }
      if (await payments.repo.markRefunded(id, deps.now())) deps.mailer?.notify();
      const after = await deps.repo.findOrder(id);
      return after ? Response.json(toAdminOrder(after)) : notFound();
    });
  }

  routes.get('/privacy', (c) => c.json({ retentionDays: deps.retentionDays, payment: payments !== undefined } satisfies PrivacyAnswer));

  if (codeTable) {
    const afterAdding = async (added: number, unchanged: number): Promise<CodeTableImportAnswer> => {
      const fulfilled = added > 0 ? await codeTable.fulfilWaiting(deps.now()) : 0;
      if (fulfilled > 0) deps.mailer?.notify();
      return { added, unchanged, fulfilled };
    };
    routes.get('/codes', async (c) => {
      const raw = c.req.query('q') ?? '';
      const prefix = normaliseSerial(raw);
      if (!/^[A-Z0-9]{0,20}$/.test(prefix)) return validationProblem([{ field: 'q', code: 'serial.characters' }]);
      const [rows, total] = await Promise.all([codeTable.search(prefix, CODE_SEARCH_MAX), codeTable.count()]);
      return c.json({ rows, total } satisfies CodeTableSearchAnswer);
    });

    routes.post('/codes', async (c) => {
      const body = await readJsonBody(c.req.raw);
      if (!body.ok) return bodyProblem(body.reason);
      const input = check(CodeRowSchema, body.value);
      if (!input.ok) return validationProblem(input.problems);
      const row = checkCodeTableRow(input.value.serial, input.value.code);
      if (!row.ok) return validationProblem([{ field: row.code.split('.')[0] ?? 'body', code: row.code }]);
      const result = await codeTable.importRows([row.row], deps.now());
      if (!result.ok) return conflictProblem(result.conflicts);
      return c.json(await afterAdding(result.added, result.unchanged));
    });

    routes.post('/codes/import', async (c) => {
      const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (type !== 'text/csv' && type !== 'text/plain') return bodyProblem('unsupportedMediaType');
      const text = await readTextBody(c.req.raw, CODE_UPLOAD_MAX_BYTES);
      if (text === undefined) return bodyProblem('tooLarge');
      const parsed = parseCodeTable(text);
      if (!parsed.ok) {
        return problem({
          status: 422,
          type: 'code-table-rows',
          code: 'codeTable.rows',
          detail: `${parsed.problems.length} ${parsed.problems.length === 1 ? 'line' : 'lines'} cannot be imported; nothing was imported.`,
          lines: parsed.problems,
        });
      }
      const result = await codeTable.importRows(parsed.rows, deps.now());
      if (!result.ok) return conflictProblem(result.conflicts);
      return c.json(await afterAdding(result.added, result.unchanged));
    });

    routes.get('/codes/export', async () => {
      const encoder = new TextEncoder();
      const pages = codeTable.exportRows();
      let header = true;
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await pages.next();
          if (next.done) {
            if (header) controller.enqueue(encoder.encode(formatCodeTable([])));
            controller.close();
            return;
          }
          const text = formatCodeTable(next.value);
          controller.enqueue(encoder.encode(header ? text : text.slice('serial,code\n'.length)));
          header = false;
        },
      });
      return new Response(stream, { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="code-table.csv"' } });
    });
  }

  return routes;
}
