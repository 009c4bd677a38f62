// TEST SUPPORT ONLY: a small local stand-in for the Stripe API endpoints the service uses, plus a hosted "checkout page".
// The real SDK talks to it over HTTP (host/port/protocol options), so the SDK, its retries and its signatures stay real.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Stripe } from 'stripe';

export interface StandInSession {
  id: string;
  orderId: string;
  amount: number;
  currency: string;
  successUrl: string;
  cancelUrl: string;
  paymentIntent: string;
  expiresAt: number;
  status: 'open' | 'complete' | 'expired';
}

export interface StripeStandInOptions {
  webhookSecret: string;
  /** Where the hosted page and refunds deliver their signed events (the service's /api/payments/stripe); optional in unit tests. */
  webhookUrl?: string;
}

export interface StripeStandIn {
  /** http://127.0.0.1:<port>: the SDK's API base, and the hosted page's origin. */
  url: string;
  /** Where signed events go; may be set once the service's port is known. */
  webhookUrl?: string;
  sessions: Map<string, StandInSession>;
  refunds: Array<{ id: string; paymentIntent: string; idempotencyKey?: string }>;
  /** Every API request: method, path, Idempotency-Key. */
  requests: Array<{ method: string; path: string; idempotencyKey?: string }>;
  /** The next `count` API requests fail with 500 and Stripe-Should-Retry: true (the SDK retries them). */
  failNext(count: number): void;
  /** Built and signed with the SDK's own test-header helper. */
  completedEvent(sessionId: string, overrides?: { amount?: number; currency?: string }): SignedEvent;
  expiredEvent(sessionId: string): SignedEvent;
  refundedEvent(paymentIntent: string, full?: boolean): SignedEvent;
  /** Sends a signed event to options.webhookUrl; resolves with the status. */
  deliver(event: SignedEvent): Promise<number>;
  close(): Promise<void>;
}

export interface SignedEvent {
  id: string;
  body: string;
  signature: string;
}

const signer = new Stripe('sk_test_stand_in_signer');

function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

export function signEvent(payload: Record<string, unknown>, secret: string, timestamp?: number): SignedEvent {
  const body = JSON.stringify(payload);
  const signature = signer.webhooks.generateTestHeaderString({ payload: body, secret, ...(timestamp !== undefined ? { timestamp } : {}) });
  return { id: String(payload.id), body, signature };
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function event(type: string, object: Record<string, unknown>): Record<string, unknown> {
  return { id: randomId('evt'), object: 'event', type, api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), data: { object }, livemode: false };
}

export async function startStripeStandIn(options: StripeStandInOptions): Promise<StripeStandIn> {
  const sessions = new Map<string, StandInSession>();
  const refunds: StripeStandIn['refunds'] = [];
  const requests: StripeStandIn['requests'] = [];
  /** Stripe replays the first answer for a key (24 h); so does the stand-in. */
  const byIdempotencyKey = new Map<string, unknown>();
  let failures = 0;
  let url = '';

  function sessionObject(session: StandInSession) {
    return {
      id: session.id,
      object: 'checkout.session',
      url: `${url}/pay/${session.id}`,
      client_reference_id: session.orderId,
      amount_total: session.amount,
      currency: session.currency,
      payment_intent: session.status === 'complete' ? session.paymentIntent : null,
      payment_status: session.status === 'complete' ? 'paid' : 'unpaid',
      status: session.status,
      mode: 'payment',
      expires_at: session.expiresAt,
      success_url: session.successUrl,
      cancel_url: session.cancelUrl,
    };
  }

  const standIn: StripeStandIn = {
    url: '',
    ...(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {}),
    sessions,
    refunds,
    requests,
    failNext(count) {
      failures = count;
    },
    completedEvent(sessionId, overrides = {}) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      session.status = 'complete';
      const object = { ...sessionObject(session), amount_total: overrides.amount ?? session.amount, currency: overrides.currency ?? session.currency };
      return signEvent(event('checkout.session.completed', object), options.webhookSecret);
    },
    expiredEvent(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      if (session.status === 'open') session.status = 'expired';
      return signEvent(event('checkout.session.expired', { ...sessionObject(session), status: 'expired' }), options.webhookSecret);
    },
    refundedEvent(paymentIntent, full = true) {
      const amount = [...sessions.values()].find((session) => session.paymentIntent === paymentIntent)?.amount ?? 990;
      const charge = { id: randomId('ch'), object: 'charge', payment_intent: paymentIntent, amount, amount_refunded: full ? amount : Math.floor(amount / 2), refunded: full };
      return signEvent(event('charge.refunded', charge), options.webhookSecret);
    },
    async deliver(signed) {
      if (!standIn.webhookUrl) throw new Error('no webhookUrl given to the stand-in');
      const response = await fetch(standIn.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signed.signature }, body: signed.body });
      await response.text();
      return response.status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  async function api(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    requests.push({ method: request.method ?? '', path, ...(idempotencyKey ? { idempotencyKey } : {}) });
    const form = new URLSearchParams(await readBody(request));
    if (failures > 0) {
      failures -= 1;
      json(response, 500, { error: { type: 'api_error', message: 'stand-in failure' } }, { 'Stripe-Should-Retry': 'true' });
      return;
    }
    const replay = idempotencyKey ? byIdempotencyKey.get(`${path}:${idempotencyKey}`) : undefined;
    if (replay) {
      json(response, 200, replay, { 'Idempotent-Replayed': 'true' });
      return;
    }
    let answer: unknown;
    if (request.method === 'POST' && path === '/v1/checkout/sessions') {
      const session: StandInSession = {
        id: randomId('cs_test'),
        orderId: form.get('client_reference_id') ?? '',
        amount: Number(form.get('line_items[0][price_data][unit_amount]')),
        currency: form.get('line_items[0][price_data][currency]') ?? '',
        successUrl: form.get('success_url') ?? '',
        cancelUrl: form.get('cancel_url') ?? '',
        paymentIntent: randomId('pi'),
        expiresAt: Math.floor(Date.now() / 1000) + 24 * 3600,
        status: 'open',
      };
      sessions.set(session.id, session);
      answer = sessionObject(session);
    } else if (/^\/v1\/checkout\/sessions\/[\w]+(\/expire)?$/.test(path)) {
      const [, , , , id = '', action] = path.split('/');
      const session = sessions.get(id);
      if (!session) {
        json(response, 404, { error: { type: 'invalid_request_error', message: `No such checkout.session: '${id}'` } });
        return;
      }
      if (request.method === 'POST' && action === 'expire') {
        // As Stripe: only an open session can be expired.
        if (session.status !== 'open') {
          json(response, 400, { error: { type: 'invalid_request_error', message: `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".` } });
          return;
        }
        session.status = 'expired';
      } else if (request.method !== 'GET' || action) {
        json(response, 405, { error: { type: 'invalid_request_error', message: `The stand-in has no ${request.method} ${path}` } });
        return;
      }
      answer = sessionObject(session);
    } else if (request.method === 'POST' && path === '/v1/refunds') {
      const paymentIntent = form.get('payment_intent') ?? '';
      if (![...sessions.values()].some((session) => session.paymentIntent === paymentIntent && session.status === 'complete')) {
        json(response, 400, { error: { type: 'invalid_request_error', message: `No such payment_intent: '${paymentIntent}'` } });
        return;
      }
      const refund = { id: randomId('re'), paymentIntent, ...(idempotencyKey ? { idempotencyKey } : {}) };
      refunds.push(refund);
      answer = { id: refund.id, object: 'refund', payment_intent: paymentIntent, status: 'succeeded' };
      if (standIn.webhookUrl) setImmediate(() => void standIn.deliver(standIn.refundedEvent(paymentIntent)).catch(() => undefined));
    } else {
      json(response, 404, { error: { type: 'invalid_request_error', message: `The stand-in has no ${request.method} ${path}` } });
      return;
    }
    if (idempotencyKey) byIdempotencyKey.set(`${path}:${idempotencyKey}`, answer);
    json(response, 200, answer);
  }

  /** The "hosted checkout page": Pay sends the signed completed event, then returns to success_url, as Stripe does. */
  async function hostedPage(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const [, , id = '', action] = path.split('/');
    const session = sessions.get(id);
    if (!session) {
      response.writeHead(404).end('no such session');
      return;
    }
    if (request.method === 'GET' && !action) {
      const amount = (session.amount / 100).toFixed(2);
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe stand-in checkout</title></head><body><main><h1>Stand-in checkout</h1><p>Pay <span id="amount">${escapeHtml(amount)} ${escapeHtml(session.currency.toUpperCase())}</span></p><form method="post" action="/pay/${escapeHtml(id)}/complete"><button type="submit">Pay</button></form><form method="post" action="/pay/${escapeHtml(id)}/cancel"><button type="submit">Cancel</button></form></main></body></html>`,
      );
      return;
    }
    if (request.method === 'POST' && action === 'complete') {
      if (session.status !== 'open') {
        response.writeHead(410, { 'Content-Type': 'text/plain; charset=utf-8' }).end('This checkout session is no longer open.');
        return;
      }
      await standIn.deliver(standIn.completedEvent(id));
      response.writeHead(303, { Location: session.successUrl }).end();
      return;
    }
    if (request.method === 'POST' && action === 'cancel') {
      response.writeHead(303, { Location: session.cancelUrl }).end();
      return;
    }
    response.writeHead(405).end();
  }

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const handler = path.startsWith('/pay/') ? hostedPage : api;
    handler(request, response, path).catch((error: unknown) => {
      if (!response.headersSent) json(response, 500, { error: { type: 'api_error', message: error instanceof Error ? error.message : 'error' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.url = url;
  return standIn;
}
