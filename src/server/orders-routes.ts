// Customer routes: POST /api/orders (idempotent) and GET /api/orders/:id (bearer token).
import { Hono } from 'hono';
import { takesNoCode } from '../domain/generations';
import { validateOrderRequest, type OrderStatusReport } from '../domain/order';
import { isValidIdempotencyKey, requestFingerprint } from './idempotency';
import { answerStoredKey, placeOrder, rawBodyFingerprint, type PlaceOrderOptions, type PlaceOrderResult } from './place-order';
import { bodyProblem, fieldErrors, notFound, problem, tooManyRequests, validationProblem } from './problem';
import { addressKey, clientAddress } from './client-address';
import type { RateLimiter } from './rate-limit';
import { readJsonBody } from './request-body';
import type { OrdersRepo } from './orders-repo';
import type { Price } from '../domain/price';
import { findCustomerOrder } from './customer-order';

export interface OrdersRoutesDeps {
  repo: OrdersRepo;
  trustProxyHops: number;
  pendingTimeoutMs: number;
  serverSecret: Buffer;
  legacyKeyLookup: boolean;
  ordersLimiter: RateLimiter;
  readsLimiter: RateLimiter;
  now: () => Date;
  /** Payment on: new orders wait for payment at this price (fixed per order when it is placed). */
  price?: Price;
  /**
   * Payment off: a received order whose serial is in the code table is fulfilled at once (with its
   * mail). Run on the replay too, so a crash between the two steps heals on the client's retry.
   */
  deliverInstantly?: (orderId: string) => Promise<void>;
}


export function ordersRoutes(deps: OrdersRoutesDeps): Hono {
  const routes = new Hono();

  routes.post('/', async (c) => {
    const limited = await deps.ordersLimiter.take(addressKey(clientAddress(c, deps.trustProxyHops)));
    if (!limited.ok) return tooManyRequests(limited.retryAfterSeconds);

    const key = c.req.header('idempotency-key');
    if (key === undefined || !isValidIdempotencyKey(key)) {
      return problem({
        status: 400,
        type: 'idempotency-key',
        code: key === undefined ? 'idempotency.keyMissing' : 'idempotency.keyInvalid',
        detail: 'Send an Idempotency-Key header: a fresh random UUID (v4) or another key of at least 128 random bits per order, the same one on every retry.',
      });
    }

    const placeOptions: PlaceOrderOptions = {
      now: deps.now,
      pendingTimeoutMs: deps.pendingTimeoutMs,
      serverSecret: deps.serverSecret,
      legacyKeyLookup: deps.legacyKeyLookup,
      ...(deps.price ? { price: deps.price } : {}),
    };
    // A refusal is checked against the key first: if the key already made an order, that order's
    // stored answer is the truth, whatever today's rules say of the body (see answerStoredKey).
    const refuse = async (fingerprint: string | undefined, refusal: () => Response): Promise<Response> => {
      const stored = await answerStoredKey(deps.repo, key, fingerprint, placeOptions);
      return stored ? answerFor(stored) : refusal();
    };

    const body = await readJsonBody(c.req.raw);
    if (!body.ok) return refuse(undefined, () => bodyProblem(body.reason));

    const validation = validateOrderRequest(body.value);
    if (!validation.ok) return refuse(rawBodyFingerprint(body.value), () => validationProblem(validation.problems));
    const request = validation.value;

    if (takesNoCode(request.generation)) {
      return refuse(requestFingerprint(request), () =>
        problem({
          status: 422,
          type: 'vin-bound-unit',
          title: 'This radio takes no code',
          code: 'generation.vinBound',
          detail: 'This head unit is paired to the car (VIN) and accepts no radio code; a MINI dealer must restore it. No order was created.',
          errors: fieldErrors([{ field: 'generation', code: 'generation.vinBound' }]),
        }),
      );
    }

    return answerFor(await placeOrder(deps.repo, key, request, placeOptions));
  });

  /** The HTTP answer to a key's outcome, new or stored. */
  async function answerFor(result: PlaceOrderResult): Promise<Response> {
    switch (result.kind) {
      case 'keyReused':
        return problem({
          status: 422,
          type: 'idempotency-key-reused',
          code: 'idempotency.keyReused',
          detail: 'This Idempotency-Key was already used for a different order; use a new key for a new order.',
        });
      case 'inFlight':
        return problem({
          status: 409,
          type: 'request-in-flight',
          code: 'idempotency.inFlight',
          detail: 'A request with this Idempotency-Key is still being processed; retry shortly with the same key.',
          headers: { 'Retry-After': '1' },
        });
      case 'created':
      case 'replayed': {
        const { response } = result;
        if (!deps.price && deps.deliverInstantly) await deps.deliverInstantly(result.id);
        const headers: Record<string, string> = { 'Content-Type': 'application/json' };
        if (response.location) headers.Location = response.location;
        if (result.kind === 'replayed') headers['Idempotent-Replayed'] = 'true';
        return new Response(response.body, { status: response.status, headers });
      }
    }
  }

  routes.get('/:id', async (c) => {
    const limited = await deps.readsLimiter.take(addressKey(clientAddress(c, deps.trustProxyHops)));
    if (!limited.ok) return tooManyRequests(limited.retryAfterSeconds);

    const order = await findCustomerOrder(deps.repo, c.req.param('id'), c.req.header('authorization'));
    if (!order) return notFound();

    const report: OrderStatusReport = { id: order.id, status: order.status, updatedAt: order.updatedAt };
    if (order.status === 'fulfilled' && order.code !== undefined) report.code = order.code;
    if ((order.status === 'cancelled' || order.status === 'refunded') && order.cancelReason !== undefined) report.reason = order.cancelReason;
    // The price only while payment is due; whether the serial is in the code table shows nowhere before payment.
    if (order.status === 'awaiting_payment' && order.price && !order.paymentFlag) report.price = order.price;
    return c.json(report);
  });

  return routes;
}
